namespace Natero.Connectors.Application.Notifications;

/// <summary>A connection as an email names it: its provider and account, its tenant, and the path of its place on the page.</summary>
internal sealed record NotifiedConnection(
    Guid Id,
    string TenantSlug,
    string TenantName,
    string ProviderName,
    string AccountNoun,
    string ExternalOrgId,
    string? AccountName
)
{
    /// <summary>"Acme Corp (00D5g000004XyZ1)", or the id alone when the provider gave no name.</summary>
    public string Account => string.IsNullOrWhiteSpace(AccountName) ? ExternalOrgId : $"{AccountName} ({ExternalOrgId})";

    /// <summary>The provider's name, its word for an account, and the account: "{provider} org Acme Corp (00D…)".</summary>
    public string Title => $"{ProviderName} {AccountNoun} {Account}";

    /// <summary>The tenant's Manage OAuth page, where its connections are listed and mended.</summary>
    public string TenantPath => TenantConnectionsPath(TenantSlug);

    /// <summary>The connection's own entry on that page.</summary>
    public string Path => $"{TenantPath}#conn-{Id}";

    public static string TenantConnectionsPath(string tenantSlug) => $"/t/{tenantSlug}/settings/it-administration/oauth";
}
