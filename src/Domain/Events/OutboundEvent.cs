using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Events;

/// <summary>
/// Something that happened which tenants or the platform may be told of, written in the transaction of the
/// change itself (the outbox): it exists exactly when the change committed. Once dispatched it has become
/// webhook deliveries and emails; the row stays as the event log.
/// </summary>
public sealed class OutboundEvent : Entity
{
    private OutboundEvent()
    {
        Type = null!;
        Payload = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>The tenant the event is about; null for platform-wide events.</summary>
    public Guid? TenantId { get; private set; }

    public string Type { get; private set; }

    /// <summary>What it is about (a connection, an API key), and that subject's version after the change: the order per subject.</summary>
    public Guid? SubjectId { get; private set; }

    public int? SubjectVersion { get; private set; }

    /// <summary>The whole JSON body every endpoint receives: <c>{ "type", "timestamp", "data" }</c>. Never a secret.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>Set once the event has been turned into deliveries and emails; only one dispatcher ever sets it.</summary>
    public DateTimeOffset? DispatchedAt { get; private set; }

    /// <summary>Set for events that must exist once only (an API key's expiry warning); unique when set.</summary>
    public string? DedupeKey { get; private set; }

    public static OutboundEvent Create(
        Guid id,
        Guid? tenantId,
        string type,
        string payload,
        DateTimeOffset occurredAt,
        Guid? subjectId = null,
        int? subjectVersion = null,
        string? dedupeKey = null
    ) =>
        new()
        {
            Id = Guard.NotEmpty(id, "Event id"),
            TenantId = tenantId,
            Type = Guard.NotBlank(type, "Event type", 64),
            Payload = Guard.NotBlank(payload, "Payload", 65536),
            OccurredAt = occurredAt,
            SubjectId = subjectId,
            SubjectVersion = subjectVersion,
            DedupeKey = dedupeKey,
        };

    /// <summary>An event that goes to one endpoint only (a test event): dispatched as it is made.</summary>
    public void MarkDispatched(DateTimeOffset now) => DispatchedAt ??= now;
}
