using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Connections.Revocations;
using Natero.Connectors.Infrastructure.Hosting;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Revocations;

/// <summary>
/// Revokes the grants Natero let go, in every tenant, at once when this instance queued one and at each poll for the
/// rest (a retry that is due, another instance's, one a crash left). Each revocation is leased with a conditional
/// update before it is attempted, so when several instances run this, one of them makes each attempt.
/// </summary>
public sealed partial class GrantRevocationWorker(
    IServiceScopeFactory scopes,
    RevocationsWaiting waiting,
    IOptions<RevocationOptions> options,
    TimeProvider time,
    ILogger<GrantRevocationWorker> logger
) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        // The first round waits for a signal or one interval: start-up and readiness come first.
        var signalled = waiting.Next;
        while (!stoppingToken.IsCancellationRequested)
        {
            await WorkSignal.WaitAsync(signalled, options.Value.PollInterval, time, stoppingToken);
            signalled = waiting.Next;
            try
            {
                while (await RunOnceAsync(stoppingToken) == BatchSize) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    /// <summary>One round: lease what is due and attempt it. Returns how many revocations were due.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await DueAsync(cancellationToken);
        foreach (var (id, tenantId) in due)
        {
            if (!await TryLeaseAsync(id, cancellationToken))
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<GrantRevoker>().AttemptAsync(tenantId, id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease is kept until it expires, so no instance tries this revocation again at once.
                LogAttemptFailed(logger, ex, id);
            }
        }

        return due.Count;
    }

    private async Task<List<(Guid Id, Guid TenantId)>> DueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = time.GetUtcNow();

        // A platform job: it looks at every tenant's revocations, which the tenant filter would hide.
        var due = await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .GrantRevocations.IgnoreQueryFilters([TenantFilter.Name])
            .AsNoTracking()
            .Where(r => r.NextAttemptAt <= now)
            .OrderBy(r => r.NextAttemptAt)
            .Take(BatchSize)
            .Select(r => new { r.Id, r.TenantId })
            .ToListAsync(cancellationToken);
        return [.. due.Select(r => (r.Id, r.TenantId))];
    }

    /// <summary>Moves the revocation's next attempt past the lease, if it is still due: the instance whose update counts owns it.</summary>
    private async Task<bool> TryLeaseAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = time.GetUtcNow();
        var until = now + options.Value.LeaseDuration;
        var leased = await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .GrantRevocations.IgnoreQueryFilters([TenantFilter.Name])
            .Where(r => r.Id == id && r.NextAttemptAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.NextAttemptAt, until), cancellationToken);
        return leased == 1;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Revoking grant {RevocationId} failed; it is tried again once its lease expires")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, Guid revocationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A revocation round failed; the next round will try again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
