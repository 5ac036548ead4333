namespace Natero.Connectors.Web.Composition;

/// <summary>
/// Start-up leaves garbage behind (the migrations' model, the seeding, the monitor's first round) that the
/// garbage collector would keep committed until traffic comes. Once the app has started and settled, one
/// compacting collection returns it to the operating system: an idle instance holds only what it uses.
/// </summary>
internal sealed class StartupMemoryTrim(IHostApplicationLifetime lifetime, TimeProvider time) : BackgroundService
{
    /// <summary>Long enough for the start-up work that runs after ApplicationStarted (the monitor's first round).</summary>
    public static readonly TimeSpan SettleFor = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
                await Task.Delay(SettleFor, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
