namespace Natero.Connectors.Application.Platform.TokenKeys;

/// <summary>
/// What a rotation re-encrypted: connections' tokens, pending authorizations' verifiers, and the tokens of grants
/// waiting to be revoked.
/// </summary>
public sealed record TokenKeyRotationReport(int ConnectionsReEncrypted, int AuthorizationsReEncrypted, int Unreadable)
{
    public int RevocationsReEncrypted { get; init; }
}
