namespace Natero.Connectors.Infrastructure.Locking;

/// <summary>
/// An async mutex per key that frees its memory when nobody holds or waits for the key. Written here
/// because no keyed async lock package is available to this project; it is a few lines around SemaphoreSlim.
/// </summary>
internal sealed class KeyedAsyncLock
{
    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly Lock _gate = new();

    public async Task<IAsyncDisposable> AcquireAsync(Guid key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry, held: false);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(Guid key, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (_gate)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Releaser(KeyedAsyncLock owner, Guid key, Entry entry) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Leave(key, entry, held: true);
            }

            return ValueTask.CompletedTask;
        }
    }
}
