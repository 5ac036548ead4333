using Natero.Connectors.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- SCENARIO [--iterations N]
// Scenarios: complete-oauth, token-refresh-burst, token-fresh, audit, api-connections. NATERO_TEST_DB=Postgres
// (with NATERO_TEST_POSTGRES) measures on PostgreSQL; scripts/postgres.sh run -- ... starts one. audit
// (PostgreSQL only) seeds 1,000 tenants × 1,000 audit events, then measures search pages, CSV export
// and concurrent appends. api-connections (PostgreSQL only) runs the web app on Kestrel and compares
// GET /api/v1/connections with a bare Npgsql endpoint writing the same JSON, in requests per second.
var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "complete-oauth";
var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).FirstOrDefault(1000);
switch (scenario)
{
    case "complete-oauth":
        await CompleteOAuthBenchmark.RunAsync(iterations);
        break;
    case "token-refresh-burst":
        await TokenBenchmarks.RefreshBurstAsync(Math.Min(iterations, 20));
        break;
    case "token-fresh":
        await TokenBenchmarks.FreshAsync(TimeSpan.FromSeconds(Math.Min(iterations, 10)));
        break;
    case "audit":
        return await AuditBenchmarks.RunAsync();
    case "api-connections":
        return await ApiConnectionsBenchmark.RunAsync();
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: complete-oauth, token-refresh-burst, token-fresh, audit, api-connections.");
        return 2;
}

return 0;
