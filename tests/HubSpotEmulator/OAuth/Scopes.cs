namespace Natero.Connectors.HubSpotEmulator.OAuth;

internal static class Scopes
{
    public const string ContactsRead = "crm.objects.contacts.read";

    /// <summary>HubSpot separates scopes in the install URL with spaces (URL-encoded as <c>%20</c>).</summary>
    public static IReadOnlyList<string> Parse(string? value) =>
        value is null ? [] : [.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    public static string Describe(string scope) =>
        scope switch
        {
            "oauth" => "Basic OAuth access",
            ContactsRead => "View properties and other details about contacts",
            "crm.objects.contacts.write" => "Create, update and delete contacts",
            "crm.objects.companies.read" => "View properties and other details about companies",
            "crm.objects.deals.read" => "View properties and other details about deals",
            _ => scope,
        };
}
