using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.TokenKeys;

public sealed record TokenKeyRotationReport(int ConnectionsReEncrypted, int AuthorizationsReEncrypted, int Unreadable);

/// <summary>
/// Re-encrypts every stored token and PKCE verifier that is not under the active key. Old keys must
/// stay configured until this has run; afterwards they can be removed. Used by the admin command and
/// the <c>rotate-token-keys</c> command line verb.
/// </summary>
public sealed class TokenKeyRotation(IApplicationDbContext db, ITenantContext tenant, ISecretProtector protector)
{
    public async Task<TokenKeyRotationReport> RotateAsync(CancellationToken cancellationToken)
    {
        int connections = 0,
            authorizations = 0,
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

            await db.SaveChangesAsync(cancellationToken);
        }

        return new TokenKeyRotationReport(connections, authorizations, unreadable);
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

/// <summary>The admin action for <see cref="TokenKeyRotation"/>.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform.token_keys_rotated", HandlerRecordsOutcome = true)]
public sealed record RotateTokenKeysCommand : ICommand<Result<TokenKeyRotationReport>>;

public sealed class RotateTokenKeysCommandHandler(TokenKeyRotation rotation, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<RotateTokenKeysCommand, Result<TokenKeyRotationReport>>
{
    public async ValueTask<Result<TokenKeyRotationReport>> Handle(RotateTokenKeysCommand command, CancellationToken cancellationToken)
    {
        var report = await rotation.RotateAsync(cancellationToken);
        audit.Record(
            "platform.token_keys_rotated",
            "token-keys",
            AuditOutcome.Success,
            null,
            tenantId: null,
            new Dictionary<string, string?>
            {
                ["connections"] = report.ConnectionsReEncrypted.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }
}
