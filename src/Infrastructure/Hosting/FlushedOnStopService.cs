using Microsoft.Extensions.Hosting;

namespace Natero.Connectors.Infrastructure.Hosting;

/// <summary>
/// A background service that gathers counts in memory and writes them in batches: it writes once more when the host
/// stops, so nothing counted is lost, and never after the host disposed it. A host may be stopped again after its
/// services were disposed (a test server torn down from two places): nothing is left to write then.
/// </summary>
public abstract class FlushedOnStopService : BackgroundService
{
    private volatile bool _disposed;

    /// <summary>Whether the host disposed this service: a flush that starts then has nothing to write to.</summary>
    protected bool Disposed => _disposed;

    /// <summary>Writes everything counted so far; after it returns, all of it is stored.</summary>
    public abstract Task FlushAsync(CancellationToken cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_disposed)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public override void Dispose()
    {
        _disposed = true;
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
