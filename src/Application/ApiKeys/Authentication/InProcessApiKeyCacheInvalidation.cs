namespace Natero.Connectors.Application.ApiKeys.Authentication;

/// <summary>One instance, or no channel between instances: only this instance's cache is dropped.</summary>
internal sealed class InProcessApiKeyCacheInvalidation(ApiKeyCacheSignals signals) : IApiKeyCacheInvalidation
{
    public void Drop(ApiKeyCacheDrop drop) => signals.Fire(drop);
}
