namespace Natero.Connectors.Application.Common.Providers;

/// <summary>Which part of a connection a ciphertext belongs to; it is bound into the encryption.</summary>
public sealed record SecretBinding(Guid TenantId, Guid OwnerId, string Field)
{
    public static SecretBinding AccessToken(Guid tenantId, Guid connectionId) => new(tenantId, connectionId, "access_token");

    public static SecretBinding RefreshToken(Guid tenantId, Guid connectionId) => new(tenantId, connectionId, "refresh_token");

    public static SecretBinding CodeVerifier(Guid tenantId, Guid authorizationId) => new(tenantId, authorizationId, "code_verifier");
}
