using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Connections;

/// <summary>Who and where the provider says the authorizing account is.</summary>
public sealed record ProviderAccount
{
    public ProviderAccount(string externalOrgId, string externalUserId, string username, string? displayName, Uri instanceUrl)
    {
        ExternalOrgId = Guard.NotBlank(externalOrgId, "Org id", 64);
        ExternalUserId = Guard.NotBlank(externalUserId, "User id", 64);
        Username = Guard.NotBlank(username, "Username", 256);
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        InstanceUrl = instanceUrl ?? throw new DomainException("Instance URL is required.");
    }

    public string ExternalOrgId { get; }
    public string ExternalUserId { get; }
    public string Username { get; }
    public string? DisplayName { get; }
    public Uri InstanceUrl { get; }
}
