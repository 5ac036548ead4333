using System.Linq.Expressions;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Telemetry;
using Natero.Connectors.Application.Common.Webhooks;
using Natero.Connectors.Application.Webhooks;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Hosting;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// Sends due webhook deliveries. Each round leases them with one conditional update, so instances sharing a database
/// never send the same attempt; a failed attempt is retried on <see cref="WebhookRetrySchedule"/> until
/// <c>Webhooks:MaxAttemptsWindow</c> has passed since the delivery was made; an endpoint whose every attempt failed
/// for that long is disabled and its owners are told. Delivery is at least once: a crash between the receiver's
/// answer and recording it sends that attempt again when its lease ends, with the same <c>webhook-id</c>.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes,
    IWebhookSender sender,
    DeliveriesWaiting waiting,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryWorker> logger
) : BackgroundService
{
    private const int BatchSize = 20;
    private const int MaxErrorLength = 1000;

    private readonly string _instance = $"{Truncate(Dns.GetHostName(), 20)}:{Environment.ProcessId}";

    private WebhookOptions Settings => options.Value;

    /// <summary>Long enough for every attempt of a batch, each bounded by the timeout, with a margin for the database.</summary>
    private TimeSpan LeaseDuration => Settings.Timeout * BatchSize + TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Settings.WorkerEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var signalled = waiting.Next;
            try
            {
                while (await RunOnceAsync(stoppingToken) == BatchSize) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRoundFailed(logger, ex);
            }

            await WorkSignal.WaitAsync(signalled, Settings.PollInterval, time, stoppingToken);
        }
    }

    /// <summary>One round: lease what is due, attempt each, record the outcome. Returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var lease = $"{_instance}:{Ids.New(time):N}";
        var claimed = await ClaimAsync(lease, cancellationToken);
        try
        {
            // Attempts to different endpoints run side by side; one slow receiver does not hold up the others.
            await Parallel.ForEachAsync(
                claimed.GroupBy(c => c.EndpointId),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (group, ct) =>
                {
                    foreach (var delivery in group)
                    {
                        await AttemptAsync(delivery, lease, ct);
                    }
                }
            );
        }
        finally
        {
            if (claimed.Count > 0)
            {
                await ReleaseAsync(lease);
            }
        }

        return claimed.Count;
    }

    private static Expression<Func<WebhookDelivery, bool>> Due(DateTimeOffset now) =>
        d =>
            (d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.Retrying)
            && d.NextAttemptAt <= now
            && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now);

    private async Task<List<Claimed>> ClaimAsync(string lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = time.GetUtcNow();
        var due = await db
            .WebhookDeliveries.AsNoTracking()
            .Where(Due(now))
            .OrderBy(d => d.NextAttemptAt)
            .Take(BatchSize)
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // The conditions are checked again in the update: of two instances that read the same candidates, the first
        // to update a row has it, and the second finds it leased and leaves it.
        var until = now + LeaseDuration;
        await db
            .WebhookDeliveries.Where(d => due.Contains(d.Id))
            .Where(Due(now))
            .ExecuteUpdateAsync(
                set => set.SetProperty(d => d.LeaseOwner, lease).SetProperty(d => d.LeaseExpiresAt, until),
                cancellationToken
            );
        return await (
            from d in db.WebhookDeliveries.AsNoTracking()
            join e in db.OutboundEvents.AsNoTracking() on d.EventId equals e.Id
            where d.LeaseOwner == lease
            orderby d.NextAttemptAt
            select new Claimed(d.Id, d.EndpointId, d.EventId, e.Type, e.Payload, d.CreatedAt, d.Attempts)
        ).ToListAsync(cancellationToken);
    }

    private async Task AttemptAsync(Claimed delivery, string lease, CancellationToken cancellationToken)
    {
        using var span = NateroTelemetry.Source.StartActivity("natero.webhook.deliver");
        span?.SetTag(TelemetryTags.DeliveryId, delivery.Id)
            .SetTag(TelemetryTags.WebhookId, delivery.EndpointId)
            .SetTag(TelemetryTags.EventType, delivery.EventType)
            .SetTag("natero.webhook.attempt", delivery.Attempts + 1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        var now = time.GetUtcNow();
        if (endpoint is null || (!endpoint.IsEnabled && delivery.EventType != EventTypes.WebhookTest))
        {
            await FinishAsync(delivery, lease, WebhookDeliveryStatus.Failed, null, "The endpoint is disabled; resend once it is enabled.");
            return;
        }

        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var secrets = endpoint
            .SigningSecretCiphertexts(now)
            .Select(c => protector.Unprotect(c, WebhookScope.Binding(endpoint.TenantId, endpoint.Id)))
            .OfType<string>()
            .ToList();
        if (secrets.Count == 0)
        {
            await FinishAsync(delivery, lease, WebhookDeliveryStatus.Failed, null, "The endpoint's secret cannot be read; rotate it.");
            return;
        }

        var message = new WebhookMessage(new Uri(endpoint.Url), MessageId(delivery.EventId), now, delivery.Payload, secrets);
        var result = await sender.SendAsync(message, cancellationToken);
        NateroTelemetry.WebhookAttempted(result.Delivered, result.StatusCode);
        if (result.Delivered)
        {
            await FinishAsync(delivery, lease, WebhookDeliveryStatus.Delivered, result, null);
            await RecordEndpointAsync(endpoint.Id, succeeded: true);
            LogDelivered(logger, delivery.EventType, delivery.Id, result.StatusCode, (int)result.Latency.TotalMilliseconds);
            return;
        }

        var giveUp = time.GetUtcNow() - delivery.CreatedAt >= Settings.MaxAttemptsWindow;
        await FinishAsync(delivery, lease, giveUp ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Retrying, result, result.Error);
        LogFailed(logger, delivery.EventType, delivery.Id, delivery.Attempts + 1, result.StatusCode, result.Error);
        await RecordEndpointAsync(endpoint.Id, succeeded: false);
    }

    /// <summary>The <c>webhook-id</c>: the event's, the same for every attempt and every endpoint, so receivers can drop repeats.</summary>
    public static string MessageId(Guid eventId) => $"evt_{eventId:N}";

    private async Task FinishAsync(
        Claimed delivery,
        string lease,
        WebhookDeliveryStatus status,
        WebhookAttemptResult? result,
        string? error
    )
    {
        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + (result is null ? 0 : 1);
        var next = status == WebhookDeliveryStatus.Retrying ? now + WebhookRetrySchedule.After(attempts) : now;
        var recorded = error is null ? null : Truncate(error, MaxErrorLength);
        await using var scope = scopes.CreateAsyncScope();
        await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .WebhookDeliveries.Where(d => d.Id == delivery.Id && d.LeaseOwner == lease)
            .ExecuteUpdateAsync(set =>
                Record(
                    set,
                    status,
                    attempts,
                    next,
                    result,
                    recorded,
                    status == WebhookDeliveryStatus.Delivered ? now : null,
                    result is null ? null : now
                )
            );
    }

    private static void Record(
        UpdateSettersBuilder<WebhookDelivery> set,
        WebhookDeliveryStatus status,
        int attempts,
        DateTimeOffset next,
        WebhookAttemptResult? result,
        string? error,
        DateTimeOffset? deliveredAt,
        DateTimeOffset? attemptedAt
    ) =>
        set.SetProperty(d => d.Status, status)
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.NextAttemptAt, next)
            .SetProperty(d => d.LastAttemptAt, d => attemptedAt ?? d.LastAttemptAt)
            .SetProperty(d => d.LastStatusCode, d => result == null ? d.LastStatusCode : result.StatusCode)
            .SetProperty(d => d.LastLatencyMs, d => result == null ? d.LastLatencyMs : (int?)(int)result.Latency.TotalMilliseconds)
            .SetProperty(d => d.LastError, error)
            .SetProperty(d => d.DeliveredAt, deliveredAt)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null);

    /// <summary>
    /// Keeps the endpoint's run of failures; the failure that ends the window disables it, fails what was waiting for
    /// it, records it in the audit trail and tells its owners, all in one save.
    /// </summary>
    private async Task RecordEndpointAsync(Guid endpointId, bool succeeded)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId);
        if (endpoint is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (succeeded)
        {
            endpoint.RecordSuccess(now);
        }
        else if (endpoint.RecordFailure(now, Settings.MaxAttemptsWindow))
        {
            await scope.ServiceProvider.GetRequiredService<WebhookDisabling>().DisabledAsync(endpoint, now);
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (Application.Common.Interfaces.ConcurrentChangeException)
        {
            // Someone changed the endpoint meanwhile (a person, or another instance recording its own attempt): the next
            // attempt records the run again.
        }
    }

    private async Task ReleaseAsync(string lease)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope
            .ServiceProvider.GetRequiredService<ApplicationDbContext>()
            .WebhookDeliveries.Where(d => d.LeaseOwner == lease)
            .ExecuteUpdateAsync(set =>
                set.SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null)
            );
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record Claimed(
        Guid Id,
        Guid EndpointId,
        Guid EventId,
        string EventType,
        string Payload,
        DateTimeOffset CreatedAt,
        int Attempts
    );

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {EventType} webhook {DeliveryId}: {StatusCode} in {LatencyMs} ms")]
    private static partial void LogDelivered(ILogger logger, string eventType, Guid deliveryId, int? statusCode, int latencyMs);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Webhook {DeliveryId} ({EventType}) failed at attempt {Attempts}: {StatusCode} {Error}"
    )]
    private static partial void LogFailed(ILogger logger, string eventType, Guid deliveryId, int attempts, int? statusCode, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook delivery round failed; the next round will try again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
