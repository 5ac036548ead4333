using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Audit.Checkpoints;

public static class AuditCheckpointErrors
{
    /// <summary>No signing key is configured: there is nothing to sign with and no public key to publish.</summary>
    public static Error Off { get; } =
        new(
            ErrorKind.NotFound,
            "checkpoints_off",
            "Audit checkpoints are off: this installation has no signing key (Audit:CheckpointSigningKeyPath)."
        );
}
