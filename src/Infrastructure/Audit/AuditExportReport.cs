namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>What <see cref="AuditExportVerifier"/> checked and found.</summary>
public sealed record AuditExportReport(
    int Events,
    int Chains,
    int CheckpointsVerified,
    int CheckpointsNotCovered,
    IReadOnlyList<AuditExportFinding> Findings
)
{
    public bool Intact => Findings.Count == 0;

    /// <summary>A few plain lines: each finding, then one line of totals.</summary>
    public string Summary()
    {
        var lines = Findings.Select(f => $"{f.Problem.ToString().ToUpperInvariant()}: {f.Message}").ToList();
        var covered = CheckpointsNotCovered > 0 ? $" ({CheckpointsNotCovered} cover events outside this export)" : string.Empty;
        lines.Add(
            Intact
                ? $"OK: {Events} events in {Chains} chains are intact, "
                    + $"and {CheckpointsVerified} signed checkpoints agree with them{covered}."
                : $"FAILED: {Findings.Count} problems in {Events} events of {Chains} chains and {CheckpointsVerified} checkpoints{covered}."
        );
        return string.Join(Environment.NewLine, lines);
    }
}
