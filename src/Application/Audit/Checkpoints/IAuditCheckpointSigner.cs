namespace Natero.Connectors.Application.Audit.Checkpoints;

/// <summary>
/// Signs audit checkpoints with the key of <c>Audit:CheckpointSigningKeyPath</c>, which lives outside the database. The
/// private key never leaves the implementation: callers get signatures and the public half only.
/// </summary>
public interface IAuditCheckpointSigner
{
    /// <summary>The public key, or null when no signing key is configured (checkpoints are off).</summary>
    AuditCheckpointKey? Key { get; }

    /// <summary>Base64 of the signature over the UTF-8 bytes of <paramref name="text"/>; only when <see cref="Key"/> is set.</summary>
    string Sign(string text);
}
