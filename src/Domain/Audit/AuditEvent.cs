using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Audit;

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

    /// <summary>Which hash chain the event belongs to: its tenant, or the platform chain.</summary>
    public string ChainKey { get; private set; } = AuditChain.PlatformKey;

    /// <summary>Position in its chain, from 1; 0 until the event is sealed on save.</summary>
    public long Seq { get; private set; }

    public string PrevHash { get; private set; } = string.Empty;
    public string Hash { get; private set; } = string.Empty;

    /// <summary>Links the event after <paramref name="previous"/> (null for the first of its chain). Done once, on save.</summary>
    public void Seal(AuditLink? previous)
    {
        if (Seq != 0)
        {
            throw new DomainException("An audit event is sealed once.");
        }

        Seq = (previous?.Seq ?? 0) + 1;
        PrevHash = previous?.Hash ?? AuditChain.GenesisHash;
        Hash = AuditChain.HashOf(this);
    }

    /// <summary>
    /// Names what an event is about and the facts of it, for an event recorded before they were known (a
    /// command's success, recorded before its handler made the thing). Only until the event is sealed.
    /// </summary>
    public void Describe(string target, string? data)
    {
        if (Seq != 0)
        {
            throw new DomainException("A sealed audit event never changes.");
        }

        Target = Guard.NotBlank(target, "Target", 256);
        Data = data;
    }

    /// <summary>
    /// An event as a copy of the trail states it (an export's row), chain position and hash included, so that the
    /// chain rules can check the copy: nothing is computed, and nothing made this way is ever saved.
    /// </summary>
    public static AuditEvent AsStated(AuditEvent content, long seq, string prevHash, string hash)
    {
        ArgumentNullException.ThrowIfNull(content);
        var stated = (AuditEvent)content.MemberwiseClone();
        stated.Seq = seq;
        stated.PrevHash = prevHash;
        stated.Hash = hash;
        return stated;
    }

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
        string? data
    ) =>
        new()
        {
            Id = Guard.NotEmpty(id, "Audit event id"),
            // Milliseconds: the precision every supported database keeps, so the hash still matches when read back.
            OccurredAt = new DateTimeOffset(occurredAt.UtcTicks - (occurredAt.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
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
            ChainKey = AuditChain.KeyFor(tenantId),
        };
}
