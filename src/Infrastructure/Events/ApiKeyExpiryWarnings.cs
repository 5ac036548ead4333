using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Events;

/// <summary>
/// Raises <c>api_key.expiring</c> once per key, when it has 7 days or less to live and is not revoked. The event's
/// unique dedupe key makes "once" hold across instances and restarts: a second insert for the same key fails and
/// is let go.
/// </summary>
public sealed class ApiKeyExpiryWarnings(ApplicationDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Notice = TimeSpan.FromDays(7);

    public async Task<int> RaiseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var horizon = now + Notice;
        var expiring = await db
            .ApiKeys.AsNoTracking()
            .Where(k => k.RevokedAt == null && k.ExpiresAt > now && k.ExpiresAt <= horizon)
            .ToListAsync(cancellationToken);
        var raised = 0;
        foreach (var key in expiring)
        {
            var warning = EventPayloads.ApiKeyExpiring(key, now);
            if (await db.OutboundEvents.AnyAsync(e => e.DedupeKey == warning.DedupeKey, cancellationToken))
            {
                continue;
            }

            db.OutboundEvents.Add(warning);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                raised++;
            }
            catch (DbUpdateException)
            {
                // Another instance raised it first.
                db.ChangeTracker.Clear();
            }
        }

        return raised;
    }
}
