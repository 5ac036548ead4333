using System.Diagnostics;

namespace Natero.Connectors.Tests.Shared;

/// <summary>
/// Waits for what another thread, process or server brings about: asks <c>condition</c> again every 50 ms until it
/// holds or <c>within</c> has passed, and says which. The caller asserts on the answer with its own message.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    public static async Task<bool> UntilAsync(TimeSpan within, Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed >= within)
            {
                return false;
            }

            await Task.Delay(Every);
        }

        return true;
    }

    public static Task<bool> UntilAsync(TimeSpan within, Func<bool> condition) => UntilAsync(within, () => Task.FromResult(condition()));
}
