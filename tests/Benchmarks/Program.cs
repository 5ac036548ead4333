using Natero.Connectors.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- complete-oauth [--iterations N]
var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "complete-oauth";
var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).FirstOrDefault(1000);
switch (scenario)
{
    case "complete-oauth":
        await CompleteOAuthBenchmark.RunAsync(iterations);
        break;
    default:
        Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: complete-oauth.");
        return 2;
}

return 0;
