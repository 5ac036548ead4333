namespace Natero.Connectors.Application.Common.Providers;

/// <summary>
/// Serialises work on one connection across threads, processes and instances: the token refresh
/// must happen once however many callers find the token stale at the same moment.
/// </summary>
public interface IConnectionLock
{
    Task<IAsyncDisposable> AcquireAsync(Guid connectionId, CancellationToken cancellationToken);
}
