namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>What the verifier of an exported audit trail found wrong.</summary>
public enum AuditExportProblem
{
    /// <summary>An event's content no longer matches its hash.</summary>
    Altered,

    /// <summary>An event is missing: a gap in seq, or an event that does not follow the one before it.</summary>
    Removed,

    /// <summary>A row that is not part of the chain: nothing links to it, or another row holds its position.</summary>
    Inserted,

    /// <summary>A checkpoint whose signature does not verify with the public key (or that names another key).</summary>
    BadSignature,

    /// <summary>A signed checkpoint that the export contradicts: another hash at its seq, or the seq is gone.</summary>
    CheckpointContradicted,

    /// <summary>A row or a checkpoint that cannot be read at all.</summary>
    Unreadable,
}
