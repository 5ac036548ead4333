using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;

namespace Natero.Connectors.Application.ApiKeys.Authentication;

/// <summary>
/// The change tokens this instance's cached keys expire on: one per key id, one per creator, and one for them all.
/// The cache is keyed by the secret's hash, which a message between instances must not carry; a key's id finds
/// its entry through its token instead.
/// </summary>
public sealed class ApiKeyCacheSignals : IDisposable
{
    // Sources are cancelled but not disposed until the app stops: a reader may still be taking a token from one,
    // and a source without a timer holds nothing that needs disposing sooner.
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _keys = new();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _creators = new();
    private CancellationTokenSource _all = new();
    private long _fired;

    /// <summary>Counts every drop: a key loaded while it moved may have been read before a revocation, and is not kept.</summary>
    public long Generation => Interlocked.Read(ref _fired);

    /// <summary>The tokens an entry for this key expires on; <paramref name="keyId"/> null for a secret that matched no key.</summary>
    public IEnumerable<IChangeToken> For(Guid? keyId, Guid? creatorId)
    {
        yield return new CancellationChangeToken(Volatile.Read(ref _all).Token);
        if (keyId is { } key)
        {
            yield return new CancellationChangeToken(_keys.GetOrAdd(key, _ => new CancellationTokenSource()).Token);
        }

        if (creatorId is { } creator)
        {
            yield return new CancellationChangeToken(_creators.GetOrAdd(creator, _ => new CancellationTokenSource()).Token);
        }
    }

    public void Fire(ApiKeyCacheDrop drop)
    {
        Interlocked.Increment(ref _fired);
        if (drop.KeyId is { } key && _keys.TryRemove(key, out var keySignal))
        {
            keySignal.Cancel();
        }

        if (drop.CreatorId is { } creator && _creators.TryRemove(creator, out var creatorSignal))
        {
            creatorSignal.Cancel();
        }
    }

    /// <summary>Every cached key: drops sent while this instance could not hear them may have been missed.</summary>
    public void FireAll()
    {
        Interlocked.Increment(ref _fired);
        Interlocked.Exchange(ref _all, new CancellationTokenSource()).Cancel();
    }

    public void Dispose()
    {
        foreach (var source in _keys.Values.Concat(_creators.Values).Append(_all))
        {
            source.Dispose();
        }
    }
}
