using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Application.Common.Webhooks;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Webhooks;

namespace Natero.Connectors.Infrastructure.Events;

/// <summary>
/// Turns committed outbox events into webhook deliveries and emails. Each event is claimed with a conditional
/// update inside the transaction that saves what its consumers add, so the work happens once whatever the number
/// of instances, and a crash before the commit leaves the event undispatched for the next round: at least once.
/// </summary>
public sealed partial class EventDispatcher(
    IServiceScopeFactory scopes,
    DeliveriesWaiting deliveries,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<EventDispatcher> logger
) : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>How often the dispatcher looks for API keys about to expire.</summary>
    private static readonly TimeSpan ExpiryScanInterval = TimeSpan.FromHours(1);

    private DateTimeOffset _nextExpiryScan = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await WarnOfExpiringKeysWhenDueAsync(stoppingToken);
                while (await RunOnceAsync(stoppingToken) == BatchSize) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }
        }
    }

    private async Task WarnOfExpiringKeysWhenDueAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _nextExpiryScan)
        {
            return;
        }

        _nextExpiryScan = time.GetUtcNow() + ExpiryScanInterval;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ApiKeyExpiryWarnings>().RaiseAsync(cancellationToken);
    }

    /// <summary>Dispatches what is waiting, oldest first; returns how many events were looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        List<Guid> waiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            waiting = await db
                .OutboundEvents.AsNoTracking()
                .Where(e => e.DispatchedAt == null)
                .OrderBy(e => e.OccurredAt)
                .ThenBy(e => e.Id)
                .Take(BatchSize)
                .Select(e => e.Id)
                .ToListAsync(cancellationToken);
        }

        foreach (var id in waiting)
        {
            await DispatchAsync(id, cancellationToken);
        }

        return waiting.Count;
    }

    private async Task DispatchAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var outbound = await db
            .OutboundEvents.AsNoTracking()
            .SingleOrDefaultAsync(e => e.Id == id && e.DispatchedAt == null, cancellationToken);
        if (outbound is null)
        {
            return;
        }

        // The consumers read and add to the unit of work before the transaction begins: on SQLite a transaction holds
        // the database's one write lock from its start, and what they call (the key ring that encrypts mail) may write.
        foreach (var consumer in scope.ServiceProvider.GetServices<IEventConsumer>())
        {
            await consumer.ConsumeAsync(outbound, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Of two instances that dispatch the same event, the database lets one claim it; the other's work is let go.
        var now = time.GetUtcNow();
        var claimed = await db
            .OutboundEvents.Where(e => e.Id == id && e.DispatchedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.DispatchedAt, now), cancellationToken);
        if (claimed == 0)
        {
            db.ChangeTracker.Clear();
            return;
        }

        var made = db.ChangeTracker.Entries<WebhookDelivery>().Any();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (made)
        {
            deliveries.Signal();
        }

        LogDispatched(logger, outbound.Type, outbound.Id);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dispatched event {EventType} {EventId}")]
    private static partial void LogDispatched(ILogger logger, string eventType, Guid eventId);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event dispatch round failed; it will be tried again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
