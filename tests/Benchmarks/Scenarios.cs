using System.Diagnostics;

namespace Natero.Connectors.Benchmarks;

/// <summary>Every scenario by name: <c>./bench.sh NAME</c>, or all of them at smoke size from the tests.</summary>
public static class Scenarios
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "complete-oauth",
        "token-refresh-burst",
        "token-fresh",
        "audit",
        "api-connections",
        "access-token",
        "telemetry-cost",
        "webhooks",
        "startup",
        "micro",
    ];

    /// <summary>The scenarios that need PostgreSQL; elsewhere they say so and exit 2.</summary>
    public static IReadOnlyList<string> PostgresOnly { get; } = ["audit", "api-connections", "access-token", "telemetry-cost"];

    /// <summary>Runs one scenario; 0 when it finished, 2 when it cannot run here.</summary>
    public static async Task<int> RunAsync(string name, int? iterations = null, bool smoke = false)
    {
        BenchSize.Smoke = smoke;
        var started = Stopwatch.GetTimestamp();
        var exit = name switch
        {
            "complete-oauth" => await Done(CompleteOAuthBenchmark.RunAsync(iterations ?? BenchSize.Of(1000, 3))),
            "token-refresh-burst" => await Done(TokenBenchmarks.RefreshBurstAsync(Math.Min(iterations ?? BenchSize.Of(20, 1), 20))),
            "token-fresh" => await Done(TokenBenchmarks.FreshAsync(TimeSpan.FromSeconds(Math.Min(iterations ?? BenchSize.Of(10, 1), 10)))),
            "audit" => await AuditBenchmarks.RunAsync(),
            "api-connections" => await ApiConnectionsBenchmark.RunAsync(),
            "access-token" => await AccessTokenBenchmark.RunAsync(),
            "telemetry-cost" => await TelemetryCostBenchmark.RunAsync(iterations ?? BenchSize.Of(2, 1)),
            "webhooks" => await Done(WebhookBenchmark.RunAsync()),
            "startup" => await StartupBenchmark.RunAsync(),
            "micro" => await MicroBenchmarks.RunAsync(),
            _ => Unknown(name),
        };
        if (exit == 0 && name != "startup")
        {
            PrintProcessMemory(name);
        }

        Console.Error.WriteLine(
            $"{name}: exit {exit} after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s{(smoke ? " (smoke size)" : string.Empty)}"
        );
        return exit;
    }

    /// <summary>
    /// Every scenario but startup (which measures the app in a process of its own) ends with the memory of its process (./bench.sh runs
    /// each in a process of its own):
    /// the peak working set and the garbage collector's work. For the HTTP scenarios the process holds the
    /// app, the Salesforce emulator and the load generator together.
    /// </summary>
    private static void PrintProcessMemory(string name)
    {
        const double MB = 1024 * 1024;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var memory = GC.GetGCMemoryInfo();
        Console.WriteLine();
        Console.WriteLine($"### {name}: the benchmark process at the end");
        Console.WriteLine();
        Console.WriteLine(
            "| working set (MB) | peak working set (MB) | managed heap (MB) | GC heap committed "
                + "(MB) | allocated in all (MB) | gen0 / gen1 / gen2 GCs | GC pauses, total (ms) |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine(
            $"| {process.WorkingSet64 / MB:0} | {process.PeakWorkingSet64 / MB:0} | "
                + $"{GC.GetTotalMemory(false) / MB:0.0} | {memory.TotalCommittedBytes / MB:0} | "
                + $"{GC.GetTotalAllocatedBytes() / MB:N0} | {GC.CollectionCount(0):N0} / {GC.CollectionCount(1):N0} "
                + $"/ {GC.CollectionCount(2):N0} | {GC.GetTotalPauseDuration().TotalMilliseconds:N0} |"
        );
    }

    private static async Task<int> Done(Task run)
    {
        await run;
        return 0;
    }

    private static int Unknown(string name)
    {
        Console.Error.WriteLine($"Unknown scenario '{name}'. Scenarios: {string.Join(", ", Names)}.");
        return 2;
    }
}
