using System.Runtime;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// What OpenTelemetry costs the API under load, in one run: <c>GET /api/v1/connections</c> (as
/// <see cref="ApiConnectionsBenchmark"/>) and <c>POST /api/v1/connections/{id}/access-token</c> (as
/// <see cref="AccessTokenBenchmark"/>) on the real web app, with telemetry off (nothing registered) and on (traces
/// sampled at 0.1 with the ASP.NET Core, HttpClient and Npgsql instrumentation, metrics, OTLP http/protobuf export to
/// <see cref="OtlpSink"/> on loopback, the Prometheus endpoint enabled and scraped once at the end). OpenTelemetry
/// listens process-wide, so each phase is an app of its own, started on a fresh database and stopped after: off, on,
/// off, on, each primed and each window warmed up, at the same worker counts; the rounds of a setting are pooled.
/// The target: under 10% fewer requests/s with telemetry on.
/// </summary>
internal static class TelemetryCostBenchmark
{
    private const double Target = 0.10;
    private const int SettledJitCount = 10;
    private const string ListScenario = "api-connections";
    private const string TokenScenario = "access-token";
    private static int[] Concurrency => BenchSize.Smoke ? [4] : [16, 64];
    private static TimeSpan WarmUp => BenchSize.Of(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(200));
    private static TimeSpan Measured => BenchSize.Of(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
    private static TimeSpan PrimingSlice => BenchSize.Of(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200));
    private static TimeSpan PrimingLimit => BenchSize.Of(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(400));

    public static async Task<int> RunAsync(int rounds)
    {
        if (!string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine(
                "The telemetry-cost scenario measures PostgreSQL only: set NATERO_TEST_DB=Postgres "
                    + "and NATERO_TEST_POSTGRES (scripts/postgres.sh starts a server)."
            );
            return 2;
        }

        await using var sink = await OtlpSink.StartAsync();
        Console.WriteLine("## Cost of telemetry, PostgreSQL");
        Console.WriteLine();
        Console.WriteLine(
            $"`GET {ApiBenchServer.ApiPath}` (first page of {ApiBenchServer.PageSize}, DataConnectors.View key) and "
                + "`POST /api/v1/connections/{id}/access-token` (fresh token, audited; DataConnectors.ReadCredentials key), "
                + "telemetry off (OpenTelemetry not registered) and on (TraceSampleRatio 0.1; ASP.NET Core, HttpClient and "
                + "Npgsql spans; metrics; OTLP http/protobuf to a loopback listener that reads and drops every export; "
                + "Prometheus enabled). The app on Kestrel, http/1.1 on 127.0.0.1, Release, logging at Warning, "
                + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores shared with "
                + "the load generator (HttpClient in the same process, itself untraced). Each phase is an app of its own "
                + "on a fresh database."
        );

        var rows = new List<Row>();
        var phases = new List<string>();
        string? scrape = null;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var on in new[] { false, true })
            {
                var phase = await RunPhaseAsync(sink, on, round, rows, scrapeAtEnd: on && round == rounds);
                if (phase is null)
                {
                    return 1;
                }

                phases.Add(phase.Value.Priming);
                scrape = phase.Value.Scrape ?? scrape;
            }
        }

        PrintWindows(rows, phases);
        PrintSummary(rows, rounds);
        Console.WriteLine();
        Console.WriteLine(
            $"OTLP received in all: {sink.Traces.Requests:N0} trace exports ({sink.Traces.Bytes / 1024.0:N0} KB), "
                + $"{sink.Metrics.Requests:N0} metric exports ({sink.Metrics.Bytes / 1024.0:N0} KB)."
        );
        Console.WriteLine();
        Console.WriteLine($"Prometheus, scraped once at the end of the last phase with telemetry on: {scrape}");
        return 0;
    }

    /// <summary>
    /// One app, telemetry <paramref name="on"/> or off: both keys seeded, both requests answered once, priming, then a
    /// window of each scenario at each worker count. Null when a request does not answer 200 before the load.
    /// </summary>
    private static async Task<(string Priming, string? Scrape)?> RunPhaseAsync(
        OtlpSink sink,
        bool on,
        int round,
        List<Row> rows,
        bool scrapeAtEnd
    )
    {
        var settings = on
            ? new Dictionary<string, string?>
            {
                ["OpenTelemetry:Endpoint"] = sink.Endpoint.AbsoluteUri,
                ["OpenTelemetry:TraceSampleRatio"] = "0.1",
                ["OpenTelemetry:Prometheus:Enabled"] = "true",
                ["OpenTelemetry:Prometheus:AllowedNetworks:0"] = "127.0.0.1/32",
            }
            : null;
        await using var server = await ApiBenchServer.StartAsync(new SqlCapture("ProviderConnections"), settings);
        var (listKey, _) = await server.SeedAsync();
        var (tokenKey, connection, _) = await server.SeedCredentialReaderAsync();
        using var listClient = server.ApiClient(listKey, Concurrency.Max());
        using var tokenClient = server.ApiClient(tokenKey, Concurrency.Max());
        var loads = new (string Scenario, ClosedLoopLoad.Load Load)[]
        {
            (ListScenario, ClosedLoopLoad.Load.Get(listClient, ApiBenchServer.ApiPath)),
            (TokenScenario, ClosedLoopLoad.Load.Post(tokenClient, $"/api/v1/connections/{connection}/access-token")),
        };
        foreach (var (scenario, load) in loads)
        {
            using var once = await load.Send(load.Client);
            if (!once.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"{scenario} answered {(int)once.StatusCode} before the load; nothing measured.");
                return null;
            }
        }

        var priming = await ClosedLoopLoad.PrimeAsync(
            [.. loads.Select(l => l.Load)],
            Concurrency.Max(),
            PrimingSlice,
            PrimingLimit,
            SettledJitCount
        );
        foreach (var workers in Concurrency)
        {
            foreach (var (scenario, load) in loads)
            {
                rows.Add(new Row(on, round, workers, scenario, await ClosedLoopLoad.RunAsync(load, workers, WarmUp, Measured)));
            }
        }

        var scrape = scrapeAtEnd ? await ScrapeAsync(server.BaseUrl) : null;
        return ($"{Setting(on)} {round}: {priming.TotalSeconds:0} s", scrape);
    }

    /// <summary><c>GET /metrics</c> from loopback (an allowed network), summed up: status, size, metric families.</summary>
    private static async Task<string> ScrapeAsync(Uri baseUrl)
    {
        using var client = new HttpClient { BaseAddress = baseUrl };
        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var families = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        var shown = families.Where(f =>
            f.StartsWith("http_server", StringComparison.Ordinal) || f.StartsWith("natero", StringComparison.Ordinal)
        );
        return $"{(int)response.StatusCode}, {text.Length / 1024.0:N0} KB, {families.Count} metric families, among them "
            + $"{string.Join(", ", shown.Select(f => $"`{f}`"))}.";
    }

    private static void PrintWindows(List<Row> rows, List<string> phases)
    {
        Console.WriteLine();
        Console.WriteLine(
            $"### Each window ({WarmUp.TotalSeconds:0} s warm-up, then {Measured.TotalSeconds:0} s measured; in the order run; "
                + $"unreported priming per phase, {PrimingSlice.TotalSeconds:0} s of each request in turn until neither "
                + $"JIT-compiles {SettledJitCount} methods: {string.Join(", ", phases)})"
        );
        Console.WriteLine();
        Console.WriteLine(
            "| telemetry | round | workers | scenario | requests | requests/s | p50 (ms) | p99 (ms) | errors "
                + "| CPU per request (ms, whole process) | allocated per request (KB, whole process) | methods JIT-compiled |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var load = row.Load;
            Console.WriteLine(
                $"| {Setting(row.On)} | {row.Round} | {row.Workers} | {row.Scenario} | {load.Count:N0} | {load.Rate:N0} | "
                    + $"{BenchHost.Percentile(load.Latencies, 50):0.00} | {BenchHost.Percentile(load.Latencies, 99):0.00} | "
                    + $"{load.Errors} | {load.CpuPerRequestMs:0.000} | {load.AllocatedPerRequestKb:0.0} | {load.Jitted:N0} |"
            );
        }
    }

    private static void PrintSummary(List<Row> rows, int rounds)
    {
        Console.WriteLine();
        Console.WriteLine($"### Telemetry on against off ({rounds} rounds of each pooled)");
        Console.WriteLine();
        Console.WriteLine(
            "| scenario | workers | requests/s off | requests/s on | difference | target | p50 / p99 off (ms) "
                + "| p50 / p99 on (ms) | CPU per request off / on (ms) | allocated per request off / on (KB) |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var scenario in new[] { ListScenario, TokenScenario })
        {
            foreach (var workers in Concurrency)
            {
                var off = Pooled(rows.Where(r => r.Scenario == scenario && r.Workers == workers && !r.On));
                var on = Pooled(rows.Where(r => r.Scenario == scenario && r.Workers == workers && r.On));
                var difference = on.Rate / off.Rate - 1;
                Console.WriteLine(
                    $"| {scenario} | {workers} | {off.Rate:N0} | {on.Rate:N0} | {difference:+0.0%;-0.0%} | "
                        + $"{(difference > -Target ? "met" : "**missed**")} (at most {Target:0%} fewer) | "
                        + $"{off.Latencies} | {on.Latencies} | {off.Cpu:0.000} / {on.Cpu:0.000} | "
                        + $"{off.Allocated:0.0} / {on.Allocated:0.0} |"
                );
            }
        }
    }

    private static (double Rate, string Latencies, double Cpu, double Allocated) Pooled(IEnumerable<Row> rows)
    {
        var windows = rows.Select(r => r.Load).ToList();
        var count = windows.Sum(w => w.Count);
        List<double> latencies = [.. windows.SelectMany(w => w.Latencies)];
        return (
            count / windows.Sum(w => w.Seconds),
            $"{BenchHost.Percentile(latencies, 50):0.00} / {BenchHost.Percentile(latencies, 99):0.00}",
            windows.Sum(w => w.Cpu.TotalMilliseconds) / count,
            windows.Sum(w => w.Allocated) / 1024.0 / count
        );
    }

    private static string Setting(bool on) => on ? "on" : "off";

    private sealed record Row(bool On, int Round, int Workers, string Scenario, ClosedLoopLoad.Window Load);
}
