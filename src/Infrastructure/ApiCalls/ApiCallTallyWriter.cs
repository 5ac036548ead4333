using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.ApiKeys.Usage;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Infrastructure.Hosting;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.ApiCalls;

/// <summary>
/// Adds the API calls <see cref="ApiCallCounts"/> counted to the per-tenant, per-day tallies every
/// <see cref="Interval"/> and on shutdown: one small write per tenant and day per batch, never one per call.
/// Several instances add to the same rows; each adds only what it counted.
/// </summary>
public sealed partial class ApiCallTallyWriter(
    ApiCallCounts counts,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<ApiCallTallyWriter> logger
) : FlushedOnStopService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Writes every count now; after it returns, every call counted so far is in the tallies.</summary>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        IReadOnlyList<ApiCallCount> taken = [];
        try
        {
            if (Disposed)
            {
                return;
            }

            taken = counts.Take(time.GetUtcNow());
            foreach (var count in taken)
            {
                await AddAsync(count, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The calls were served all the same; their counts wait for the next batch.
            counts.PutBack(taken);
            LogWriteFailed(logger, ex, taken.Sum(c => c.Calls));
        }
        finally
        {
            _writing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    /// <summary>Adds to the day's row, or makes it; when another instance made it first, adds to theirs.</summary>
    private async Task AddAsync(ApiCallCount count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        if (await IncrementAsync(db, count, cancellationToken) > 0)
        {
            return;
        }

        db.ApiCallTallies.Add(ApiCallTally.Start(count.Scope, count.Day, count.Calls));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await IncrementAsync(db, count, cancellationToken) == 0)
            {
                throw;
            }
        }
    }

    private static Task<int> IncrementAsync(ApplicationDbContext db, ApiCallCount count, CancellationToken cancellationToken) =>
        db
            .ApiCallTallies.Where(t => t.Scope == count.Scope && t.Day == count.Day)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Calls, t => t.Calls + count.Calls), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not add {Calls} API calls to the tallies; they are kept for the next batch")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, long calls);
}
