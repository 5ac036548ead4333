namespace Natero.Connectors.Infrastructure.Hosting;

/// <summary>
/// Wakes this instance's worker when work has just been committed, so that it need not wait for its next poll. Other
/// instances find the work at their next poll.
/// </summary>
public abstract class WorkSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Signal"/>; take it before a round, so a signal during the round is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Signal() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="signal"/> or <paramref name="interval"/>, whichever comes first.</summary>
    public static async Task WaitAsync(Task signal, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await signal.WaitAsync(interval, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The poll interval passed without a signal: look anyway, for what other instances committed.
        }
    }
}
