using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Telemetry;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Monitoring;

/// <summary>
/// The gauges that need the database: connections by provider and status (every tenant), the age of the oldest event
/// not yet dispatched, and the webhook deliveries still to be made. A scrape reads the last sample; the samples are
/// three grouped queries every <see cref="Interval"/>, and none at all while nothing listens to these gauges.
/// </summary>
public sealed partial class OperationalGauges : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly ILogger<OperationalGauges> _logger;
    private readonly Meter _meter = new(NateroTelemetry.Name);
    private readonly List<ObservableInstrument<long>> _counts = [];
    private readonly ObservableGauge<double> _outboxLag;
    private volatile Sample _sample = new([], null, 0);

    public OperationalGauges(IServiceScopeFactory scopes, TimeProvider time, ILogger<OperationalGauges> logger)
    {
        (_scopes, _time, _logger) = (scopes, time, logger);
        _counts.Add(
            _meter.CreateObservableGauge(
                "natero.connections",
                () => _sample.Connections.Select(c => new Measurement<long>(c.Count, Tags(c.Provider, c.Status))),
                "{connection}",
                "Connections in every tenant, by provider and status (sampled every 30 seconds)."
            )
        );
        _counts.Add(
            _meter.CreateObservableGauge(
                "natero.webhook.deliveries.waiting",
                () => _sample.DeliveriesWaiting,
                "{delivery}",
                "Webhook deliveries not yet made: new, or due to be tried again (sampled every 30 seconds)."
            )
        );
        _outboxLag = _meter.CreateObservableGauge(
            "natero.outbox.lag",
            () => _sample.OldestUndispatched is { } oldest ? Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds) : 0,
            "s",
            "Age of the oldest event not yet dispatched to its consumers; 0 when none waits."
        );
    }

    private bool Listened => _outboxLag.Enabled || _counts.Any(c => c.Enabled);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                if (Listened)
                {
                    await SampleAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSampleFailed(_logger, ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Reads the counts now (the tests call it rather than wait for the next round).</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var connections = await db
            .ProviderConnections.IgnoreQueryFilters()
            .AsNoTracking()
            .GroupBy(c => new { c.Provider, c.Status })
            .Select(g => new
            {
                g.Key.Provider,
                g.Key.Status,
                Count = g.LongCount(),
            })
            .ToListAsync(cancellationToken);
        var oldest = await db
            .OutboundEvents.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(e => e.DispatchedAt == null)
            .OrderBy(e => e.OccurredAt)
            .Select(e => (DateTimeOffset?)e.OccurredAt)
            .FirstOrDefaultAsync(cancellationToken);
        var waiting = await db
            .WebhookDeliveries.IgnoreQueryFilters()
            .AsNoTracking()
            .LongCountAsync(
                d => d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.Retrying,
                cancellationToken
            );
        _sample = new Sample(
            [.. connections.Select(c => new ConnectionCount(c.Provider, TelemetryWords.Of(c.Status), c.Count))],
            oldest,
            waiting
        );
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    private static KeyValuePair<string, object?>[] Tags(string provider, string status) =>
        [new(TelemetryTags.Provider, provider), new(TelemetryTags.Status, status)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "The operational gauges could not be sampled; they keep their last values.")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);

    private sealed record Sample(IReadOnlyList<ConnectionCount> Connections, DateTimeOffset? OldestUndispatched, long DeliveriesWaiting);

    private sealed record ConnectionCount(string Provider, string Status, long Count);
}
