using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Webhooks;

/// <summary>
/// One event on its way to one endpoint: the log a tenant reads (status, attempts, the last answer and how long
/// it took). The delivery worker leases it with a conditional update, so two instances never send the same attempt.
/// </summary>
public sealed class WebhookDelivery : Entity
{
    private WebhookDelivery()
    {
        EventType = null!;
    }

    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public Guid EventId { get; private set; }
    public Guid? TenantId { get; private set; }
    public string EventType { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public int? LastLatencyMs { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    public static WebhookDelivery Create(Guid id, WebhookEndpoint endpoint, Guid eventId, string eventType, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new()
        {
            Id = Guard.NotEmpty(id, "Delivery id"),
            EndpointId = endpoint.Id,
            TenantId = endpoint.TenantId,
            EventId = Guard.NotEmpty(eventId, "Event id"),
            EventType = Guard.NotBlank(eventType, "Event type", 64),
            Status = WebhookDeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>"Resend": due again now, with a fresh retry window, whatever became of it before.</summary>
    public void Resend(DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Pending;
        CreatedAt = now;
        NextAttemptAt = now;
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }
}
