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
        return Decrypt(
            protector,
            connection.AccessTokenCiphertext,
            SecretBinding.AccessToken(connection.TenantId, connection.Id),
            connection.RefreshTokenCiphertext,
            SecretBinding.RefreshToken(connection.TenantId, connection.Id)
        );
    }

    /// <summary>A pair of stored tokens in clear, each for its own binding; null when neither decrypts.</summary>
    public static GrantTokens? Decrypt(
        ISecretProtector protector,
        string? accessCiphertext,
        SecretBinding accessBinding,
        string? refreshCiphertext,
        SecretBinding refreshBinding
    )
    {
        ArgumentNullException.ThrowIfNull(protector);
        var access = accessCiphertext is null ? null : protector.Unprotect(accessCiphertext, accessBinding);
        var refresh = refreshCiphertext is null ? null : protector.Unprotect(refreshCiphertext, refreshBinding);
        return access is null && refresh is null ? null : new GrantTokens(access, refresh);
    }
}
