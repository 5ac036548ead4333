using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Common.Providers;

/// <summary>The tokens a connection holds, decrypted for its own row: what a revocation needs.</summary>
public static class StoredGrant
{
    /// <summary>The connection's access and refresh tokens in clear; null when it holds none that decrypt for it.</summary>
    public static GrantTokens? Of(ProviderConnection connection, ISecretProtector protector)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(protector);
        var access = connection.AccessTokenCiphertext is { } a
            ? protector.Unprotect(a, SecretBinding.AccessToken(connection.TenantId, connection.Id))
            : null;
        var refresh = connection.RefreshTokenCiphertext is { } r
            ? protector.Unprotect(r, SecretBinding.RefreshToken(connection.TenantId, connection.Id))
            : null;
        return access is null && refresh is null ? null : new GrantTokens(access, refresh);
    }
}
