using Natero.Connectors.Benchmarks;

// ./bench.sh [SCENARIO...]   or   dotnet run -c Release --project tests/Benchmarks -- SCENARIO [--iterations N] [--smoke]
// Scenarios: complete-oauth, token-refresh-burst, token-fresh, audit, api-connections, access-token, telemetry-cost,
// webhooks, startup, micro.
// NATERO_TEST_DB=Postgres (with NATERO_TEST_POSTGRES) measures on PostgreSQL; ./bench.sh starts a server.
// audit (PostgreSQL only) seeds 1,000 tenants × 1,000 audit events, then measures search pages, CSV export
// and concurrent appends. api-connections (PostgreSQL only) runs the web app on Kestrel and compares
// GET /api/v1/connections with a bare Npgsql endpoint writing the same JSON, in requests per second.
// access-token (PostgreSQL only) loads POST /api/v1/connections/{id}/access-token at 1, 16 and 64 workers.
// telemetry-cost (PostgreSQL only) measures api-connections and access-token with OpenTelemetry off and on (sampling 0.1,
// OTLP to a loopback listener, Prometheus), alternating off and on phases (--iterations N rounds of each, default 2).
// startup starts the built web app as its own process: time to /health/ready, and idle working set.
// micro runs BenchmarkDotNet in this process (token encryption, the mediator pipeline, the API-key check)
// and prints its markdown summaries: mean time and allocated bytes per operation.
// --smoke runs a scenario at a size that only proves it still starts and finishes.
var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "complete-oauth";
var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).Cast<int?>().FirstOrDefault();
return await Scenarios.RunAsync(scenario, iterations, smoke: args.Contains("--smoke"));
