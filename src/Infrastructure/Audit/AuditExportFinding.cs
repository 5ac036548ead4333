namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>One problem, naming the chain, the event's seq and id where they are known, and what is wrong in words.</summary>
public sealed record AuditExportFinding(AuditExportProblem Problem, string? ChainKey, long? Seq, Guid? EventId, string Message);
