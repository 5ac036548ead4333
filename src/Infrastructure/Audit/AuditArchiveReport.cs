namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>What an archive run did (or, dry, would do).</summary>
public sealed record AuditArchiveReport(
    DateTimeOffset Cutoff,
    IReadOnlyList<ArchivedChain> Chains,
    long Events,
    string? File,
    string? Sha256,
    bool DryRun
);
