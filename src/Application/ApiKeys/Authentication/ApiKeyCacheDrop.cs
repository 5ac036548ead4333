namespace Natero.Connectors.Application.ApiKeys.Authentication;

/// <summary>
/// Which cached keys every instance must read again: one key (<see cref="KeyId"/>: revoked) or every key a person
/// made (<see cref="CreatorId"/>: their account or membership changed). Ids only: the hash of a key's secret finds the
/// key like the secret does, so it never leaves the instance that was shown it.
/// </summary>
public sealed record ApiKeyCacheDrop(Guid? KeyId, Guid? CreatorId)
{
    public static ApiKeyCacheDrop Key(Guid keyId) => new(keyId, null);

    public static ApiKeyCacheDrop Creator(Guid userId) => new(null, userId);
}
