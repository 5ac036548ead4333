using Natero.Connectors.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- SCENARIO [--iterations N]
// Scenarios: complete-oauth, token-refresh-burst, token-fresh. NATERO_TEST_DB=Postgres (with
// NATERO_TEST_POSTGRES) measures on PostgreSQL; scripts/postgres.sh run -- ... starts one.
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
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: complete-oauth, token-refresh-burst, token-fresh.");
        return 2;
}

return 0;
