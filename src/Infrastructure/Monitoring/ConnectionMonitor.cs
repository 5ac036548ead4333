using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Connections.Verification;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Monitoring;

/// <summary>
/// Verifies connections that are due, in every tenant. Each one is leased with a conditional update
/// before it is checked, so when several instances run this at once no connection is verified twice.
/// </summary>
public sealed partial class ConnectionMonitor(
    IServiceScopeFactory scopes,
    IConnectionVerifier verifier,
    IOptions<VerificationSchedule> schedule,
    TimeProvider time,
    ILogger<ConnectionMonitor> logger
) : BackgroundService
{
    private static readonly TimeSpan StaleAuthorizationAge = TimeSpan.FromDays(1);

    /// <summary>How long each check is kept for history and the overview's charts (which show 30 days).</summary>
    private static readonly TimeSpan VerificationHistoryAge = TimeSpan.FromDays(90);
    private static readonly ConnectionStatus[] Monitored = [.. ProviderConnection.StatusesAllowing(ConnectionAction.Use)];

    /// <summary>Names this instance in the lease column, for whoever reads the table.</summary>
    public string InstanceId { get; } = Truncate($"{Dns.GetHostName()}:{Environment.ProcessId}:{Ids.New(time):N}", 128);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!schedule.Value.Enabled)
        {
            return;
        }

        // The first round waits one interval: start-up and readiness come first, and nothing due is
        // harmed by a minute's wait (healthy connections are verified every few hours).
        using var timer = new PeriodicTimer(schedule.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    /// <summary>
    /// One round: forget OAuth attempts that can no longer be used, then lease what is due, verify it,
    /// let the lease go. Returns how many connections were verified.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await PurgeStaleAuthorizationsAsync(cancellationToken);
        var verified = 0;
        foreach (var (id, tenantId) in await DueAsync(cancellationToken))
        {
            if (!await TryLeaseAsync(id, cancellationToken))
            {
                continue;
            }

            try
            {
                await verifier.VerifyAsync(tenantId, id, cancellationToken);
                verified++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease is kept until it expires, so no instance retries this connection at once.
                LogVerifyFailed(logger, ex, id);
                continue;
            }

            await ReleaseAsync(id, CancellationToken.None);
        }

        return verified;
    }

    private async Task<List<(Guid Id, Guid TenantId)>> DueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = time.GetUtcNow();

        // A platform job: it looks at every tenant's connections, which the tenant filter would hide.
        var due = await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .ProviderConnections.IgnoreQueryFilters([TenantFilter.Name])
            .AsNoTracking()
            .Where(c =>
                Monitored.Contains(c.Status)
                && c.AccessTokenCiphertext != null
                && (c.NextVerificationAt == null || c.NextVerificationAt <= now)
                && (c.VerificationLeaseExpiresAt == null || c.VerificationLeaseExpiresAt < now)
            )
            .OrderBy(c => c.NextVerificationAt)
            .Take(schedule.Value.BatchSize)
            .Select(c => new { c.Id, c.TenantId })
            .ToListAsync(cancellationToken);
        return [.. due.Select(c => (c.Id, c.TenantId))];
    }

    /// <summary>
    /// Pending authorizations and authorization links expired over a day ago are spent for good (their
    /// outcome is in the audit trail), and so are expired idempotency records and checks older than 90 days: the rows can go.
    /// </summary>
    private async Task PurgeStaleAuthorizationsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = time.GetUtcNow();
        var cutoff = now - StaleAuthorizationAge;
        await db
            .PendingAuthorizations.IgnoreQueryFilters([TenantFilter.Name])
            .Where(p => p.ExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        await db
            .AuthorizationLinks.IgnoreQueryFilters([TenantFilter.Name])
            .Where(l => l.ExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        await db.IdempotencyRecords.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var checksBefore = now - VerificationHistoryAge;
        await db
            .ConnectionVerifications.IgnoreQueryFilters([TenantFilter.Name])
            .Where(v => v.CheckedAt < checksBefore)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> TryLeaseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = time.GetUtcNow();
        var until = now + schedule.Value.LeaseDuration;
        var claimed = await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .ProviderConnections.IgnoreQueryFilters([TenantFilter.Name])
            .Where(c =>
                c.Id == id
                && (c.VerificationLeaseExpiresAt == null || c.VerificationLeaseExpiresAt < now)
                && (c.NextVerificationAt == null || c.NextVerificationAt <= now)
            )
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.VerificationLeaseOwner, InstanceId).SetProperty(c => c.VerificationLeaseExpiresAt, until),
                cancellationToken
            );
        return claimed == 1;
    }

    private async Task ReleaseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .ProviderConnections.IgnoreQueryFilters([TenantFilter.Name])
            .Where(c => c.Id == id && c.VerificationLeaseOwner == InstanceId)
            .ExecuteUpdateAsync(
                set =>
                    set.SetProperty(c => c.VerificationLeaseOwner, (string?)null)
                        .SetProperty(c => c.VerificationLeaseExpiresAt, (DateTimeOffset?)null),
                cancellationToken
            );
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Verifying connection {ConnectionId} failed; it is left leased until the lease expires"
    )]
    private static partial void LogVerifyFailed(ILogger logger, Exception exception, Guid connectionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A connection monitoring round failed; the next round will try again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
