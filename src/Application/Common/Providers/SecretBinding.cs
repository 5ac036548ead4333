namespace Natero.Connectors.Application.Common.Providers;

/// <summary>Which part of a connection a ciphertext belongs to; it is bound into the encryption.</summary>
public sealed record SecretBinding(Guid TenantId, Guid OwnerId, string Field)
{
    public static SecretBinding AccessToken(Guid tenantId, Guid connectionId) => new(tenantId, connectionId, "access_token");

    public static SecretBinding RefreshToken(Guid tenantId, Guid connectionId) => new(tenantId, connectionId, "refresh_token");

    /// <summary>A token of a grant waiting to be revoked (a <see cref="Domain.Connections.GrantRevocation"/>).</summary>
    public static SecretBinding Revocation(Guid tenantId, Guid revocationId, string field) => new(tenantId, revocationId, field);

    public static SecretBinding CodeVerifier(Guid tenantId, Guid authorizationId) => new(tenantId, authorizationId, "code_verifier");
}
