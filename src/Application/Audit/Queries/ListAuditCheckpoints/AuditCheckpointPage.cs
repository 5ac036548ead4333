using Natero.Connectors.Application.Audit.Checkpoints;

namespace Natero.Connectors.Application.Audit.Queries.ListAuditCheckpoints;

/// <summary>One page of checkpoints, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record AuditCheckpointPage(IReadOnlyList<AuditCheckpointDto> Checkpoints, string? NextCursor);
