using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Benchmarks.Tests;

/// <summary>
/// Every benchmark scenario still starts and finishes, at a size that takes seconds. The figures
/// themselves come from ./bench.sh, never from the test suite.
/// </summary>
public sealed class ScenarioSmokeTests
{
    public static TheoryData<string> Names() => [.. Scenarios.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_scenario_runs_at_smoke_size(string scenario)
    {
        var postgres = string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase);
        Assert.SkipWhen(
            Scenarios.PostgresOnly.Contains(scenario) && !postgres,
            $"{scenario} measures PostgreSQL only; this run uses SQLite."
        );

        var exit = await Scenarios.RunAsync(scenario, smoke: true);

        exit.ShouldBe(0);
    }
}
