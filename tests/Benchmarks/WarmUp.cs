using System.Runtime;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// Unreported steps until tiered compilation has settled, so that a scenario measures the steady state and not the
/// JIT: a method is recompiled at tier 1 after some 30 calls, and on 2 cores the background recompilation competes
/// with the code measured. A scenario whose step is slow (a whole OAuth flow) keeps recompiling for thousands of steps.
/// </summary>
internal static class WarmUp
{
    /// <summary>Settled: the last <c>quietSteps</c> steps together JIT-compiled fewer methods than this.</summary>
    private const int SettledJitCount = 10;

    /// <summary>Runs <paramref name="step"/> until settled (none at smoke size); returns how many steps ran.</summary>
    /// <param name="minimumSteps">At least this many: a quiet stretch before methods reach 30 calls proves nothing.</param>
    public static async Task<int> UntilJitSettledAsync(string scenario, Func<Task> step, int minimumSteps, int quietSteps, int maximumSteps)
    {
        var jitted = new List<long>();
        while (!BenchSize.Smoke && jitted.Count < maximumSteps && !Settled(jitted, minimumSteps, quietSteps))
        {
            var before = JitInfo.GetCompiledMethodCount();
            await step();
            jitted.Add(JitInfo.GetCompiledMethodCount() - before);
        }

        Console.Error.WriteLine(
            $"{scenario}: {jitted.Count} warm-up steps, {jitted.Sum():N0} methods JIT-compiled meanwhile"
                + (jitted.Count >= maximumSteps ? " (stopped at the maximum, not settled)" : string.Empty)
        );
        return jitted.Count;
    }

    private static bool Settled(List<long> jitted, int minimumSteps, int quietSteps) =>
        jitted.Count >= minimumSteps && jitted.TakeLast(quietSteps).Sum() < SettledJitCount;
}
