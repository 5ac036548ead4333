using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Revocations;

/// <summary>
/// Makes one attempt at a queued revocation, in the revocation's tenant: the provider confirms (the grant is gone, and
/// that is on record), or the attempt failed and the next is scheduled, or, after the last attempt or with tokens that
/// no longer decrypt, Natero gives up and the failure is on record for someone to revoke the grant by hand.
/// </summary>
public sealed partial class GrantRevoker(
    IApplicationDbContext db,
    ITenantContext tenant,
    IOAuthProviderRegistry providers,
    ISecretProtector protector,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<GrantRevoker> logger
)
{
    public const string Action = "connection.grant_revoked";

    /// <summary>Attempts the revocation; false when there was nothing to attempt (another instance finished it).</summary>
    public async Task<bool> AttemptAsync(Guid tenantId, Guid revocationId, CancellationToken cancellationToken)
    {
        tenant.SetTenant(tenantId, string.Empty);
        var revocation = await db.GrantRevocations.SingleOrDefaultAsync(r => r.Id == revocationId, cancellationToken);
        if (revocation is null)
        {
            return false;
        }

        var provider = providers.Find(revocation.Provider);
        var tokens = GrantRevocations.TokensOf(revocation, protector);
        if (provider is null || tokens is null)
        {
            var why = provider is null
                ? $"Natero no longer knows the provider {revocation.Provider}, so it could not revoke the grant."
                : "The grant's tokens no longer decrypt (their key was removed before it was rotated), so Natero could not revoke it.";
            GiveUp(revocation, why + " Revoke it at the provider by hand.", revocation.Attempts);
        }
        else
        {
            var revoked = await provider.RevokeAsync(revocation.Site, tokens, cancellationToken);
            if (revoked.IsSuccess)
            {
                db.GrantRevocations.Remove(revocation);
                Record(revocation, AuditOutcome.Success, "A grant Natero no longer keeps was revoked.", revocation.Attempts + 1);
            }
            else if (revocation.Failed(revoked.Error!.Message, time.GetUtcNow()))
            {
                LogRetry(logger, revocation.Id, revocation.Provider, revocation.Attempts, revocation.NextAttemptAt, revoked.Error.Code);
            }
            else
            {
                GiveUp(
                    revocation,
                    $"{provider.Descriptor.DisplayName} did not confirm the revocation after {revocation.Attempts} attempts: "
                        + $"{revoked.Error.Message} Revoke the grant at {provider.Descriptor.DisplayName} by hand.",
                    revocation.Attempts
                );
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private void GiveUp(GrantRevocation revocation, string reason, int attempts)
    {
        db.GrantRevocations.Remove(revocation);
        Record(revocation, AuditOutcome.Failure, reason, attempts);
    }

    private void Record(GrantRevocation revocation, AuditOutcome outcome, string reason, int attempts) =>
        audit.Record(
            Action,
            revocation.ConnectionId is { } id ? $"connection:{id}" : $"provider:{revocation.Provider}",
            outcome,
            reason,
            revocation.TenantId,
            new Dictionary<string, string?>
            {
                ["provider"] = revocation.Provider,
                ["attempts"] = attempts.ToString(CultureInfo.InvariantCulture),
            }
        );

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Revoking grant {RevocationId} at {Provider} failed ({ErrorCode}) on attempt {Attempts}; next attempt at {NextAttemptAt}"
    )]
    private static partial void LogRetry(
        ILogger logger,
        Guid revocationId,
        string provider,
        int attempts,
        DateTimeOffset nextAttemptAt,
        string errorCode
    );
}
