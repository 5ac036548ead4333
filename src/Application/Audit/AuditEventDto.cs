using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Audit;

/// <summary>An audit event as people read it, with its tenant's slug and its place in the chain.</summary>
public sealed record AuditEventDto(
    Guid Id,
    DateTimeOffset OccurredAt,
    Guid? TenantId,
    string? TenantSlug,
    ActorType ActorType,
    string? ActorId,
    string ActorName,
    string Action,
    string? Target,
    AuditOutcome Outcome,
    string? Reason,
    string? IpAddress,
    string? UserAgent,
    string? CorrelationId,
    string? Data,
    string ChainKey,
    long Seq,
    string PrevHash,
    string Hash
);
