namespace Natero.Connectors.Infrastructure.Audit;

/// <summary>
/// <c>Audit:CheckpointSigningKeyPath</c> (a PEM ECDSA P-256 private key; none: checkpoints are off) and
/// <c>Audit:CheckpointInterval</c> (default one hour).
/// </summary>
public sealed class AuditCheckpointOptions
{
    public const string Section = "Audit";

    public string? CheckpointSigningKeyPath { get; set; }

    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);
}
