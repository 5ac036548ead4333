namespace Natero.Connectors.Application.ApiKeys.Authentication;

/// <summary>
/// Drops cached keys on this instance at once and tells the other instances to do the same. Without a shared
/// channel (no <c>Redis:Configuration</c>) the others drop theirs within <see cref="ApiKeyOptions.CacheDuration"/>.
/// </summary>
public interface IApiKeyCacheInvalidation
{
    void Drop(ApiKeyCacheDrop drop);
}
