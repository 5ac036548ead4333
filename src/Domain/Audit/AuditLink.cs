namespace Natero.Connectors.Domain.Audit;

/// <summary>The last link of a chain, enough to seal the next event.</summary>
public sealed record AuditLink(long Seq, string Hash);
