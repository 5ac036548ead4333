namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>One chain's share of an archive run.</summary>
public sealed record ArchivedChain(string ChainKey, long FromSeq, long ThroughSeq, long Count, string? ThroughHash);
