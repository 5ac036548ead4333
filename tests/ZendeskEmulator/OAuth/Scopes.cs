namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary>Zendesk's scopes: <c>read</c>, <c>write</c>, <c>impersonate</c>, or <c>{resource}:read|write</c>.</summary>
internal static class Scopes
{
    private static readonly HashSet<string> Resources = new(StringComparer.Ordinal)
    {
        "tickets",
        "users",
        "auditlogs",
        "organizations",
        "hc",
        "apps",
        "triggers",
        "automations",
        "targets",
        "webhooks",
        "macros",
        "requests",
        "satisfaction_ratings",
        "dynamic_content",
        "any_channel",
        "web_widget",
        "zis",
    };

    public static IReadOnlyList<string> Parse(string? value) =>
        [
            .. (value ?? "")
                .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal),
        ];

    public static bool IsKnown(string scope)
    {
        if (scope is "read" or "write" or "impersonate")
        {
            return true;
        }

        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Resources.Contains(scope[..colon]) && scope[(colon + 1)..] is "read" or "write";
    }

    /// <summary>Whether the scopes allow reading (GET) this resource.</summary>
    public static bool CanRead(IReadOnlyList<string> scopes, string resource) =>
        scopes.Contains("read") || scopes.Contains($"{resource}:read");

    public static bool CanWrite(IReadOnlyList<string> scopes) =>
        scopes.Contains("write") || scopes.Any(s => s.EndsWith(":write", StringComparison.Ordinal));

    public static string Describe(string scope) =>
        scope switch
        {
            "read" => "Read your data (read)",
            "write" => "Create, change and delete your data (write)",
            "impersonate" => "Make requests on behalf of end users (impersonate)",
            _ => scope,
        };
}
