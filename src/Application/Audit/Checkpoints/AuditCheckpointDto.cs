namespace Natero.Connectors.Application.Audit.Checkpoints;

/// <summary>A signed checkpoint, with everything needed to check its signature again (see <c>AuditCheckpoint.SignedText</c>).</summary>
public sealed record AuditCheckpointDto(
    Guid Id,
    string ChainKey,
    Guid? TenantId,
    long Seq,
    string Hash,
    DateTimeOffset CreatedAt,
    string KeyId,
    string Algorithm,
    string Signature
);
