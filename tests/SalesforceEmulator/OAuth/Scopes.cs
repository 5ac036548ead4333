namespace Natero.Connectors.SalesforceEmulator.OAuth;

internal static class Scopes
{
    public static IReadOnlyList<string> Parse(string? value) =>
        (value ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static bool GrantsRefreshToken(IReadOnlyList<string> scopes) =>
        scopes.Contains("refresh_token") || scopes.Contains("offline_access");

    /// <summary><c>full</c> includes REST access; without <c>api</c> or <c>full</c> a session cannot call the REST API.</summary>
    public static bool GrantsApi(IReadOnlyList<string> scopes) => scopes.Contains("api") || scopes.Contains("full");

    public static string Describe(string scope) =>
        scope switch
        {
            "api" => "Manage user data via APIs (api)",
            "refresh_token" or "offline_access" => $"Perform requests at any time ({scope})",
            "id" or "profile" or "email" or "address" or "phone" => $"Access the identity URL service ({scope})",
            "openid" => "Access unique user identifiers (openid)",
            "web" => "Manage user data via Web browsers (web)",
            "full" => "Full access (full)",
            _ => scope,
        };
}
