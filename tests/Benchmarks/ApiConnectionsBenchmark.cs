using System.Runtime;
using System.Text.Json;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// <c>GET /api/v1/connections</c> (a tenant with 50 connections, API-key auth, PostgreSQL) against a bare
/// minimal endpoint on the same Kestrel host that reads the same rows with plain Npgsql and writes the
/// same JSON (see <see cref="ApiBenchServer"/>). Closed-loop HTTP/1.1 clients in this process, so server
/// and client share the machine's cores; each window is a warm-up then a measured stretch, API and bare
/// alternating, two rounds each, at each concurrency. The target (issue 14) is API ≥ 0.85 × bare requests/s at 16
/// and at 64 workers.
/// </summary>
internal static class ApiConnectionsBenchmark
{
    private const double Target = 0.85;
    private static int Rounds => BenchSize.Of(2, 1);
    private static int[] Concurrency => BenchSize.Smoke ? [4] : [16, 64];
    private static TimeSpan WarmUp => BenchSize.Of(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(200));
    private static TimeSpan Measured => BenchSize.Of(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
    private static TimeSpan PrimingSlice => BenchSize.Of(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200));
    private static TimeSpan PrimingLimit => BenchSize.Of(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(400));
    private const int SettledJitCount = 10;

    public static async Task<int> RunAsync()
    {
        if (!string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine(
                "The api-connections scenario measures PostgreSQL only: set NATERO_TEST_DB=Postgres "
                    + "and NATERO_TEST_POSTGRES (scripts/postgres.sh starts a server)."
            );
            return 2;
        }

        var capture = new SqlCapture("ProviderConnections");
        await using var server = await ApiBenchServer.StartAsync(capture);
        var (key, seeded) = await server.SeedAsync();
        using var client = server.ApiClient(key, Concurrency.Max());

        Console.WriteLine("## API connections list, PostgreSQL");
        Console.WriteLine();
        Console.WriteLine(
            $"Demo tenant with {seeded.Count} connections, one tenant API key (DataConnectors.View). The app on Kestrel, "
                + $"http/1.1 on 127.0.0.1, Release, logging at Warning, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, "
                + $"{Environment.ProcessorCount} cores shared with the load generator (HttpClient in the same process). "
                + "Both endpoints get the same request headers (Authorization: Bearer, Accept: application/json)."
        );

        if (!await VerifyAsync(client, seeded))
        {
            return 1;
        }

        await ExplainAsync(client, capture, server);

        var priming = await PrimeAsync(client);

        var results = new List<Window>();
        foreach (var workers in Concurrency)
        {
            for (var round = 1; round <= Rounds; round++)
            {
                results.Add(await LoadAsync(client, ApiBenchServer.ApiPath, "API", workers, round));
                results.Add(await LoadAsync(client, ApiBenchServer.BarePath, "bare", workers, round));
            }
        }

        Console.WriteLine();
        Console.WriteLine(
            $"### Each window ({WarmUp.TotalSeconds:0} s warm-up, then {Measured.TotalSeconds:0} s measured; in the order run, "
                + $"after {priming.TotalSeconds:0} s of unreported priming: {PrimingSlice.TotalSeconds:0} "
                + $"s of each in turn until neither JIT-compiles {SettledJitCount} methods, "
                + $"at most {PrimingLimit.TotalSeconds:0} s)"
        );
        Console.WriteLine();
        Console.WriteLine(
            "| workers | endpoint | round | requests | requests/s | median (ms) | p95 (ms) | p99 (ms) | errors | CPU "
                + "per request (ms, whole process) | allocated per request (KB, whole process) | methods JIT-compiled |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var window in results)
        {
            window.Print();
        }

        Console.WriteLine();
        Console.WriteLine($"### API / bare ({Rounds} rounds of each endpoint pooled)");
        Console.WriteLine();
        Console.WriteLine(
            "| workers | API requests/s | bare requests/s | API / bare | target | API median / p99 (ms) | bare median / p99 (ms) |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var workers in Concurrency)
        {
            var api = Pooled(results.Where(w => w.Workers == workers && w.Endpoint == "API").ToList());
            var bare = Pooled(results.Where(w => w.Workers == workers && w.Endpoint == "bare").ToList());
            var ratio = api.Rate / bare.Rate;
            Console.WriteLine(
                $"| {workers} | {api.Rate:N0} | {bare.Rate:N0} | {ratio:0.00} | "
                    + $"{(ratio >= Target ? "met" : "**missed**")} (≥ {Target:0.00}) | "
                    + $"{BenchHost.Percentile(api.Latencies, 50):0.00} / {BenchHost.Percentile(api.Latencies, 99):0.00} | "
                    + $"{BenchHost.Percentile(bare.Latencies, 50):0.00} / {BenchHost.Percentile(bare.Latencies, 99):0.00} |"
            );
        }

        return 0;
    }

    /// <summary>Both endpoints answer 200 with the seeded connections, the API's JSON and the bare JSON alike.</summary>
    private static async Task<bool> VerifyAsync(HttpClient client, IReadOnlySet<Guid> seeded)
    {
        Console.WriteLine();
        Console.WriteLine("### Answers compared before the load");
        Console.WriteLine();
        Console.WriteLine("| endpoint | status | items | nextCursor | ids = the seeded 50 | body (bytes) | content type |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var bodies = new List<byte[]>();
        var ok = true;
        foreach (var path in new[] { ApiBenchServer.ApiPath, ApiBenchServer.BarePath })
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            bodies.Add(body);
            var ids = new HashSet<Guid>();
            string? next = null;
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(body);
                foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
                {
                    ids.Add(item.GetProperty("id").GetGuid());
                }

                next = json.RootElement.GetProperty("nextCursor").GetString();
            }

            var same = ids.SetEquals(seeded);
            ok &= response.IsSuccessStatusCode && same && ids.Count == ApiBenchServer.PageSize && next is null;
            Console.WriteLine(
                $"| `GET {path}` | {(int)response.StatusCode} | {ids.Count} | {next ?? "null"} | "
                    + $"{(same ? "yes" : "**NO**")} | {body.Length:N0} | {response.Content.Headers.ContentType} |"
            );
        }

        var identical = bodies[0].AsSpan().SequenceEqual(bodies[1]);
        Console.WriteLine();
        Console.WriteLine($"Bodies byte for byte identical: {(identical ? "yes" : "**no**")}.");
        if (!identical)
        {
            Console.WriteLine();
            Console.WriteLine($"API:  {System.Text.Encoding.UTF8.GetString(bodies[0].AsSpan(0, Math.Min(600, bodies[0].Length)))}");
            Console.WriteLine($"bare: {System.Text.Encoding.UTF8.GetString(bodies[1].AsSpan(0, Math.Min(600, bodies[1].Length)))}");
        }

        if (!ok)
        {
            Console.Error.WriteLine("The endpoints do not both answer 200 with the seeded connections; nothing measured.");
        }

        return ok;
    }

    /// <summary>
    /// The SQL EF Core sends for the API's page, its plan with the same parameters, and how many commands one API request sends.
    /// </summary>
    private static async Task ExplainAsync(HttpClient client, SqlCapture capture, ApiBenchServer server)
    {
        // Once more with the key cached, as under load.
        capture.Arm();
        using (var response = await client.GetAsync(ApiBenchServer.ApiPath))
        {
            response.EnsureSuccessStatusCode();
        }

        var commands = capture.Commands;
        var command = capture.Take();
        var plan = await SqlCapture.ExplainAsync(server.Database.ConnectionString, command, analyze: true);
        Console.WriteLine();
        Console.WriteLine(
            "### The API's query (EF Core), and EXPLAIN (ANALYZE, BUFFERS) with its "
                + $"parameters; {commands} SQL commands per API request with the key cached"
        );
        Console.WriteLine();
        Console.WriteLine("```sql");
        Console.WriteLine(command.Sql);
        Console.WriteLine("```");
        Console.WriteLine();
        Console.WriteLine("```");
        foreach (var line in plan)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine("```");
    }

    /// <summary><paramref name="workers"/> closed loops of GETs on one path: a warm-up, then a measured stretch.</summary>
    private static async Task<Window> LoadAsync(HttpClient client, string path, string endpoint, int workers, int round) =>
        new(endpoint, workers, round, await ClosedLoopLoad.RunAsync(ClosedLoopLoad.Load.Get(client, path), workers, WarmUp, Measured));

    /// <summary>
    /// Unreported load on both endpoints until neither JIT-compiles more than a few methods: tiered compilation is
    /// far slower to finish on the API's many methods than on the bare endpoint's few when the cores are busy.
    /// </summary>
    private static Task<TimeSpan> PrimeAsync(HttpClient client) =>
        ClosedLoopLoad.PrimeAsync(
            [ClosedLoopLoad.Load.Get(client, ApiBenchServer.ApiPath), ClosedLoopLoad.Load.Get(client, ApiBenchServer.BarePath)],
            Concurrency.Max(),
            PrimingSlice,
            PrimingLimit,
            SettledJitCount
        );

    private static (double Rate, List<double> Latencies) Pooled(List<Window> windows) =>
        (windows.Sum(w => w.Load.Count) / windows.Sum(w => w.Load.Seconds), [.. windows.SelectMany(w => w.Load.Latencies)]);

    private sealed record Window(string Endpoint, int Workers, int Round, ClosedLoopLoad.Window Load)
    {
        public void Print()
        {
            var latencies = Load.Latencies;
            Console.WriteLine(
                $"| {Workers} | {Endpoint} | {Round} | {Load.Count:N0} | {Load.Rate:N0} | {BenchHost.Percentile(latencies, 50):0.00} | "
                    + $"{BenchHost.Percentile(latencies, 95):0.00} | {BenchHost.Percentile(latencies, 99):0.00} | {Load.Errors} | "
                    + $"{Load.CpuPerRequestMs:0.000} | {Load.AllocatedPerRequestKb:0.0} | {Load.Jitted:N0} |"
            );
        }
    }
}
