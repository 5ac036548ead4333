using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Notifications;

/// <summary>
/// The platform staff's daily digest: every tenant's broken connections, emailed to those who opted in. The day
/// is claimed with a <see cref="ScheduledRun"/> in the save that queues the emails, so of several instances (or
/// rounds) exactly one sends a day's digest, and a crash before that save leaves the day for the next round.
/// </summary>
public sealed class DailyDigest(
    IApplicationDbContext db,
    INotificationRecipients recipients,
    IOAuthProviderRegistry providers,
    IEmailOutbox mail,
    IOptions<EmailOptions> email,
    TimeProvider time
)
{
    /// <summary>The run key of the digest of <paramref name="day"/> (UTC), e.g. <c>digest:2026-12-04</c>.</summary>
    public static string KeyFor(DateOnly day) => $"digest:{day:yyyy-MM-dd}";

    /// <summary>
    /// Sends today's digest (UTC) unless it was sent already; the day counts as done even when nothing was broken or
    /// nobody subscribed. Returns how many emails were queued, or null when the day had been claimed before.
    /// </summary>
    public async Task<int?> SendAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = KeyFor(DateOnly.FromDateTime(now.UtcDateTime));
        if (await ClaimedAsync(key, cancellationToken))
        {
            return null;
        }

        var subscribers = await recipients.DigestSubscribersAsync(cancellationToken);
        var lines = subscribers.Count == 0 ? [] : await BrokenConnectionsAsync(cancellationToken);
        db.ScheduledRuns.Add(ScheduledRun.Claim(key, now));
        var queued = 0;
        if (lines.Count > 0)
        {
            foreach (var subscriber in subscribers)
            {
                mail.Enqueue(NotificationEmails.Digest(subscriber, lines, now, email.Value));
                queued++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance claimed the day between our look and our save: its digest is the day's.
            if (await ClaimedAsync(key, cancellationToken))
            {
                return null;
            }

            throw;
        }

        return queued;
    }

    private Task<bool> ClaimedAsync(string key, CancellationToken cancellationToken) =>
        db.ScheduledRuns.AsNoTracking().AnyAsync(r => r.Key == key, cancellationToken);

    private async Task<List<DigestLine>> BrokenConnectionsAsync(CancellationToken cancellationToken)
    {
        var rows = await BrokenConnection.ListAsync(db, cancellationToken);
        return
        [
            .. rows.Select(r =>
            {
                var descriptor = providers.Find(r.Provider)?.Descriptor;
                var connection = new NotifiedConnection(
                    r.Id,
                    r.TenantSlug,
                    r.TenantName,
                    descriptor?.DisplayName ?? r.Provider,
                    descriptor?.AccountNoun ?? "account",
                    r.ExternalOrgId,
                    r.AccountName
                );
                return new DigestLine(connection, r.Status, r.LastErrorAt, r.LastErrorMessage);
            }),
        ];
    }
}
