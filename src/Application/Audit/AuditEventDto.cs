using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Audit;

/// <summary>
/// An audit event as people read it, with its tenant's slug and its place in the chain. <see cref="TargetName"/> is what the
/// target is called today (a connection's account, a key's name, a member's email), a short id when it no longer exists, or the
/// target itself when it names no record; null when the query did not look names up (the export) or there is no target.
/// </summary>
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
    string Hash,
    string? TargetName = null
);
