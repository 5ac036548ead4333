namespace Natero.Connectors.Application.Audit.Checkpoints;

/// <summary>The public half of the checkpoint signing key, as anyone may have it: PEM SubjectPublicKeyInfo, algorithm, key id.</summary>
public sealed record AuditCheckpointKey(string KeyId, string Algorithm, string PublicKeyPem);
