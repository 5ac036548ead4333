using System.Diagnostics;
using System.Runtime;
using OpenTelemetry;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// The HTTP scenarios' load generator: closed-loop HTTP/1.1 workers in this process, each sending one request after
/// another; the requests started after the warm-up are timed to the end of the body, and requests/s is those over the
/// time they took to finish. The workers' own requests are kept out of OpenTelemetry (no client span, no trace header),
/// so that only the app's telemetry is measured when it is on.
/// </summary>
internal static class ClosedLoopLoad
{
    /// <summary>
    /// <paramref name="workers"/> closed loops of <paramref name="load"/>: the process's CPU time, allocations and JIT
    /// compilations are counted from the end of the warm-up.
    /// </summary>
    public static async Task<Window> RunAsync(Load load, int workers, TimeSpan warmUp, TimeSpan measured)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(measured.TotalSeconds * Stopwatch.Frequency);

        async Task<(List<double> Latencies, int Errors, int Sent)> WorkerAsync()
        {
            using var untraced = SuppressInstrumentationScope.Begin();
            var latencies = new List<double>(16_384);
            var errors = 0;
            var sent = 0;
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var at = Stopwatch.GetTimestamp();
                if (at >= stopAt)
                {
                    return (latencies, errors, sent);
                }

                sent++;
                using var response = await load.Send(load.Client);
                await using var body = await response.Content.ReadAsStreamAsync();
                while (await body.ReadAsync(buffer) > 0) { }

                if (at >= measureFrom)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    errors += response.IsSuccessStatusCode ? 0 : 1;
                }
            }
        }

        var running = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync)).ToList();
        await Task.Delay(warmUp);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var jittedBefore = JitInfo.GetCompiledMethodCount();
        var done = await Task.WhenAll(running);
        var seconds = Stopwatch.GetElapsedTime(measureFrom).TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var jitted = JitInfo.GetCompiledMethodCount() - jittedBefore;
        return new Window(
            [.. done.SelectMany(d => d.Latencies)],
            done.Sum(d => d.Errors),
            done.Sum(d => d.Sent),
            seconds,
            cpu,
            allocated,
            jitted
        );
    }

    /// <summary>
    /// Unreported load on each of <paramref name="loads"/>, a slice of each in turn, until no slice compiles more than
    /// <paramref name="settledJitCount"/> methods or <paramref name="limit"/> has passed: tiered compilation (tier 0,
    /// instrumented, tier 1) is slow to finish on many methods when the cores are busy, and would count against
    /// whichever is measured first. Returns the time it took.
    /// </summary>
    public static async Task<TimeSpan> PrimeAsync(
        IReadOnlyList<Load> loads,
        int workers,
        TimeSpan slice,
        TimeSpan limit,
        int settledJitCount
    )
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            var settled = true;
            foreach (var load in loads)
            {
                settled &= (await RunAsync(load, workers, TimeSpan.Zero, slice)).Jitted < settledJitCount;
            }

            if (settled)
            {
                break;
            }
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>One kind of request: how <see cref="Client"/> sends it.</summary>
    internal sealed record Load(HttpClient Client, Func<HttpClient, Task<HttpResponseMessage>> Send)
    {
        /// <summary>A GET whose body is read as it streams in.</summary>
        public static Load Get(HttpClient client, string path) =>
            new(client, c => c.GetAsync(path, HttpCompletionOption.ResponseHeadersRead));

        /// <summary>A POST without a body.</summary>
        public static Load Post(HttpClient client, string path) => new(client, c => c.PostAsync(path, null));
    }

    /// <summary>One measured stretch: the latencies of the requests started in it, and the whole process's costs meanwhile.</summary>
    internal sealed record Window(List<double> Latencies, int Errors, int Sent, double Seconds, TimeSpan Cpu, long Allocated, long Jitted)
    {
        public int Count => Latencies.Count;
        public double Rate => Latencies.Count / Seconds;
        public double CpuPerRequestMs => Cpu.TotalMilliseconds / Latencies.Count;
        public double AllocatedPerRequestKb => Allocated / 1024.0 / Latencies.Count;
    }
}
