using System.Runtime;
using System.Text.Json;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Benchmarks;

/// <summary>
/// <c>POST /api/v1/connections/{id}/access-token</c> on the real web app (Kestrel, API-key auth, PostgreSQL,
/// the connection's token fresh, so no call to Salesforce): every call decrypts the token and appends one
/// sealed event to the tenant's audit chain. Closed-loop HTTP/1.1 clients in this process at 1, 16 and 64
/// workers; requests/s, p50/p99, and the bytes allocated per request. The process holds both the app and
/// the load generator, so the load generator's own allocations are measured on a POST that answers the
/// same JSON from memory (<see cref="ApiBenchServer.NoopTokenPath"/>) and subtracted.
/// The target is 1,500 requests/s at 16 workers on 2 cores.
/// </summary>
internal static class AccessTokenBenchmark
{
    private const double Target = 1500;
    private const int TargetWorkers = 16;
    private const string AuditAction = "connection.access_token_read";
    private static int[] Concurrency => BenchSize.Smoke ? [1, 4] : [1, 16, 64];
    private static TimeSpan WarmUp => BenchSize.Of(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(200));
    private static TimeSpan Measured => BenchSize.Of(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
    private static TimeSpan Priming => BenchSize.Of(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));

    public static async Task<int> RunAsync()
    {
        if (!string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine(
                "The access-token scenario measures PostgreSQL only: set NATERO_TEST_DB=Postgres and "
                    + "NATERO_TEST_POSTGRES (scripts/postgres.sh starts a server)."
            );
            return 2;
        }

        var capture = new SqlCapture("ProviderConnections");
        await using var server = await ApiBenchServer.StartAsync(capture);
        var (key, connection, accessToken) = await server.SeedCredentialReaderAsync();
        var path = $"/api/v1/connections/{connection}/access-token";
        using var client = server.ApiClient(key, Concurrency.Max());

        Console.WriteLine("## API access token, PostgreSQL");
        Console.WriteLine();
        Console.WriteLine(
            $"`POST {path}` with a tenant API key (DataConnectors.ReadCredentials), the token fresh (no Salesforce call), "
                + "each call audited. The app on Kestrel, http/1.1 on 127.0.0.1, Release, logging at Warning, "
                + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, "
                + $"{Environment.ProcessorCount} cores shared with the load generator "
                + "(HttpClient in the same process)."
        );

        if (!await VerifyAsync(client, path, accessToken))
        {
            return 1;
        }

        capture.Arm();
        using (var once = await client.PostAsync(path, null))
        {
            once.EnsureSuccessStatusCode();
        }

        var commands = capture.Commands;
        capture.Take();
        Console.WriteLine();
        Console.WriteLine(
            "SQL commands per request with the key cached (EF Core's, the audit chain's lock and seal "
                + $"included; the audit write may carry other requests' events too): {commands}."
        );

        await LoadAsync(client, path, Concurrency.Max(), TimeSpan.Zero, Priming);
        await LoadAsync(client, ApiBenchServer.NoopTokenPath, Concurrency.Max(), TimeSpan.Zero, Priming / 4);

        Console.WriteLine();
        Console.WriteLine(
            $"### Each window ({WarmUp.TotalSeconds:0} s warm-up, then {Measured.TotalSeconds:0} s measured, "
                + $"after {Priming.TotalSeconds:0} s of unreported priming)"
        );
        Console.WriteLine();
        Console.WriteLine(
            "| workers | requests | requests/s | p50 (ms) | p99 (ms) | errors | audit events per request "
                + "| CPU per request (ms, whole process) | allocated per request (KB, whole process) | of which the load generator (KB) "
                + "| allocated per request by the app (KB) | target |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var workers in Concurrency)
        {
            var auditBefore = await server.CountAuditEventsAsync(AuditAction);
            var api = await LoadAsync(client, path, workers, WarmUp, Measured);
            var audited = await server.CountAuditEventsAsync(AuditAction) - auditBefore;
            var noop = await LoadAsync(client, ApiBenchServer.NoopTokenPath, workers, WarmUp / 2, Measured / 2);
            var n = api.Latencies.Count;
            var rate = n / api.Seconds;
            var whole = api.Allocated / 1024.0 / n;
            var generator = noop.Allocated / 1024.0 / noop.Latencies.Count;
            var target = workers != TargetWorkers ? string.Empty : $"{(rate >= Target ? "met" : "**missed**")} (≥ {Target:N0}/s)";

            // Every request started in the run is audited, the warm-up's too: divide by all of them.
            Console.WriteLine(
                $"| {workers} | {n:N0} | {rate:N0} | {BenchHost.Percentile(api.Latencies, 50):0.00} | "
                    + $"{BenchHost.Percentile(api.Latencies, 99):0.00} | {api.Errors} | {(double)audited / api.Sent:0.00} | "
                    + $"{api.Cpu.TotalMilliseconds / n:0.000} | {whole:0.0} | {generator:0.0} | {whole - generator:0.0} | {target} |"
            );
        }

        return 0;
    }

    /// <summary>The endpoint answers 200 with the seeded token, and the no-op answers the same shape.</summary>
    private static async Task<bool> VerifyAsync(HttpClient client, string path, string accessToken)
    {
        using var response = await client.PostAsync(path, null);
        var body = await response.Content.ReadAsByteArrayAsync();
        using var noop = await client.PostAsync(ApiBenchServer.NoopTokenPath, null);
        var noopBody = await noop.Content.ReadAsByteArrayAsync();
        var token = response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString() : null;
        var ok = token == accessToken && noop.IsSuccessStatusCode;
        Console.WriteLine();
        Console.WriteLine(
            $"Answers before the load: the endpoint {(int)response.StatusCode} ({body.Length:N0} bytes, the seeded token: "
                + $"{(token == accessToken ? "yes" : "**no**")}), the no-op {(int)noop.StatusCode} ({noopBody.Length:N0} bytes)."
        );
        if (!ok)
        {
            Console.Error.WriteLine(
                "The access-token endpoint did not answer the seeded token; nothing measured. " + System.Text.Encoding.UTF8.GetString(body)
            );
        }

        return ok;
    }

    /// <summary><paramref name="workers"/> closed loops of POSTs on one path: a warm-up, then a measured stretch.</summary>
    private static Task<ClosedLoopLoad.Window> LoadAsync(HttpClient client, string path, int workers, TimeSpan warmUp, TimeSpan measured) =>
        ClosedLoopLoad.RunAsync(ClosedLoopLoad.Load.Post(client, path), workers, warmUp, measured);
}
