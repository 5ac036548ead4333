using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Revocations;

/// <summary>Queues grants for revocation in the caller's unit of work, their tokens encrypted for the revocation.</summary>
public static class GrantRevocations
{
    /// <summary>Adds the revocation of <paramref name="tokens"/> to <paramref name="db"/>; it is saved with the caller's change.</summary>
    public static GrantRevocation Queue(
        IApplicationDbContext db,
        ISecretProtector protector,
        TimeProvider time,
        Guid tenantId,
        Guid? connectionId,
        string provider,
        SignInSite site,
        GrantTokens tokens
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(tokens);
        var id = Ids.New(time);
        var revocation = GrantRevocation.Queue(
            id,
            tenantId,
            connectionId,
            provider,
            site,
            tokens.AccessToken,
            tokens.RefreshToken,
            (token, field) => protector.Protect(token, SecretBinding.Revocation(tenantId, id, field)),
            time.GetUtcNow()
        );
        db.GrantRevocations.Add(revocation);
        return revocation;
    }

    /// <summary>The revocation's tokens in clear; null when neither decrypts (a key removed before it was rotated).</summary>
    public static GrantTokens? TokensOf(GrantRevocation revocation, ISecretProtector protector)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        ArgumentNullException.ThrowIfNull(protector);
        return StoredGrant.Decrypt(
            protector,
            revocation.AccessTokenCiphertext,
            SecretBinding.Revocation(revocation.TenantId, revocation.Id, GrantRevocation.AccessTokenField),
            revocation.RefreshTokenCiphertext,
            SecretBinding.Revocation(revocation.TenantId, revocation.Id, GrantRevocation.RefreshTokenField)
        );
    }
}
