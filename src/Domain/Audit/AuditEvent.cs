using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Audit;

public enum ActorType
{
    User,
    PlatformAdmin,
    ApiKey,
    System,
}

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}

/// <summary>One thing that happened, who did it, and how it ended. Never changed once written.</summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        ActorName = null!;
        Action = null!;
    }

    public Guid Id { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public Guid? TenantId { get; private set; }
    public ActorType ActorType { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string Action { get; private set; }
    public string? Target { get; private set; }
    public AuditOutcome Outcome { get; private set; }
    public string? Reason { get; private set; }
    public string? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public string? CorrelationId { get; private set; }
    public string? Data { get; private set; }

    public static AuditEvent Record(
        Guid id,
        DateTimeOffset occurredAt,
        Guid? tenantId,
        ActorType actorType,
        string? actorId,
        string actorName,
        string action,
        string? target,
        AuditOutcome outcome,
        string? reason,
        string? ipAddress,
        string? userAgent,
        string? correlationId,
        string? data) =>
        new()
        {
            Id = Guard.NotEmpty(id, "Audit event id"),
            OccurredAt = occurredAt,
            TenantId = tenantId,
            ActorType = actorType,
            ActorId = actorId,
            ActorName = Guard.NotBlank(actorName, "Actor name", 256),
            Action = Guard.NotBlank(action, "Action", 128),
            Target = target,
            Outcome = outcome,
            Reason = reason,
            IpAddress = ipAddress,
            UserAgent = userAgent is { Length: > 512 } ? userAgent[..512] : userAgent,
            CorrelationId = correlationId,
            Data = data,
        };
}
