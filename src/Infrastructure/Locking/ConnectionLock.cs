using Medallion.Threading.Postgres;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Locking;

/// <summary>
/// One holder per connection: first inside this process (so a burst of callers queues in memory, not
/// on database connections), then, on PostgreSQL, across instances with a session advisory lock
/// (DistributedLock.Postgres). SQLite means one instance, so the process lock is enough there.
/// </summary>
internal sealed class ConnectionLock(DatabaseOptions database) : IConnectionLock
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly KeyedAsyncLock _local = new();

    public async Task<IAsyncDisposable> AcquireAsync(Guid connectionId, CancellationToken cancellationToken)
    {
        var local = await _local.AcquireAsync(connectionId, cancellationToken);
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return local;
        }

        try
        {
            var key = new PostgresAdvisoryLockKey($"natero-connection-{connectionId:N}", allowHashing: true);
            var handle = await new PostgresDistributedLock(key, database.ConnectionString).AcquireAsync(Wait, cancellationToken);
            return new Both(handle, local);
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }
    }

    private sealed class Both(IAsyncDisposable distributed, IAsyncDisposable local) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await distributed.DisposeAsync();
            await local.DisposeAsync();
        }
    }
}
