using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.TokenKeys;

/// <summary>
/// Re-encrypts every stored token (of connections and of grants waiting to be revoked) and PKCE verifier
/// that is not under the active key. Old keys must stay configured until this has run; afterwards they
/// can be removed. Used by the admin command and the <c>rotate-token-keys</c> command line verb.
/// </summary>
public sealed class TokenKeyRotation(IApplicationDbContext db, ITenantContext tenant, ISecretProtector protector)
{
    public async Task<TokenKeyRotationReport> RotateAsync(CancellationToken cancellationToken)
    {
        int connections = 0,
            authorizations = 0,
            revocations = 0,
            unreadable = 0;

        // Platform maintenance: walks every tenant, and saves inside each one for the tenant guard.
        var tenantIds = await db.Tenants.Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken);
        foreach (var t in tenantIds)
        {
            using var scope = tenant.EnterTenant(t.Id, t.Slug);
            foreach (
                var connection in await db.ProviderConnections.Where(c => c.AccessTokenCiphertext != null).ToListAsync(cancellationToken)
            )
            {
                var access = ReEncrypt(connection.AccessTokenCiphertext!, SecretBinding.AccessToken(t.Id, connection.Id), ref unreadable);
                var refresh = connection.RefreshTokenCiphertext is { } r
                    ? ReEncrypt(r, SecretBinding.RefreshToken(t.Id, connection.Id), ref unreadable)
                    : null;
                if (access is not null || refresh is not null)
                {
                    connection.StoreTokens(new ProtectedTokens(access ?? connection.AccessTokenCiphertext!, refresh));
                    connections++;
                }
            }

            foreach (var attempt in await db.PendingAuthorizations.Where(p => p.ConsumedAt == null).ToListAsync(cancellationToken))
            {
                if (ReEncrypt(attempt.ProtectedCodeVerifier, SecretBinding.CodeVerifier(t.Id, attempt.Id), ref unreadable) is { } verifier)
                {
                    db.PendingAuthorizations.Entry(attempt).Property(nameof(PendingAuthorization.ProtectedCodeVerifier)).CurrentValue =
                        verifier;
                    authorizations++;
                }
            }

            foreach (var revocation in await db.GrantRevocations.ToListAsync(cancellationToken))
            {
                var access = revocation.AccessTokenCiphertext is { } a
                    ? ReEncrypt(a, SecretBinding.Revocation(t.Id, revocation.Id, GrantRevocation.AccessTokenField), ref unreadable)
                    : null;
                var refresh = revocation.RefreshTokenCiphertext is { } r
                    ? ReEncrypt(r, SecretBinding.Revocation(t.Id, revocation.Id, GrantRevocation.RefreshTokenField), ref unreadable)
                    : null;
                if (access is not null || refresh is not null)
                {
                    revocation.StoreCiphertexts(access, refresh);
                    revocations++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new TokenKeyRotationReport(connections, authorizations, unreadable) { RevocationsReEncrypted = revocations };
    }

    private string? ReEncrypt(string ciphertext, SecretBinding binding, ref int unreadable)
    {
        if (protector.IsProtectedWithActiveKey(ciphertext))
        {
            return null;
        }

        if (protector.Unprotect(ciphertext, binding) is not { } plaintext)
        {
            unreadable++;
            return null;
        }

        return protector.Protect(plaintext, binding);
    }
}
