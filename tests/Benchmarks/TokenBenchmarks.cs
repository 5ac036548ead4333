using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Connections.AccessTokens;

namespace Natero.Connectors.Benchmarks;

/// <summary>IConnectionAccessTokens under a burst on a stale token, and on a fresh one.</summary>
internal static class TokenBenchmarks
{
    /// <summary>Issue 14's target: the slowest of a burst's callers wait little more than the one refresh.</summary>
    private const double TargetP99Ratio = 1.5;

    /// <summary>
    /// 200 concurrent GetAsync on one stale connection, several rounds: refresh calls per round and latency against one refresh.
    /// Rounds run first, uncounted, until tiered compilation has settled (as api-connections primes its endpoints): a method
    /// that runs once a round is recompiled at tier 1 only after some 30 rounds, and on 2 cores that batch of recompilations
    /// stalls the round it falls in by some 70 ms, which alone would be the top 5 % of the samples.
    /// </summary>
    public static async Task RefreshBurstAsync(int rounds)
    {
        await using var host = await BenchHost.StartAsync();
        var (tenantId, connectionId) = await host.ConnectAsync();
        var tokens = host.Services.GetRequiredService<IConnectionAccessTokens>();
        var first = await RunRoundAsync(host, tokens, tenantId, connectionId);
        var warmUp = await WarmUp.UntilJitSettledAsync(
            "token-refresh-burst",
            () => RunRoundAsync(host, tokens, tenantId, connectionId),
            minimumSteps: 50,
            quietSteps: 10,
            maximumSteps: 300
        );

        var measured = new List<Round>();
        for (var i = 0; i < rounds; i++)
        {
            measured.Add(await RunRoundAsync(host, tokens, tenantId, connectionId));

            // Each round on stderr: on a busy machine one slow round (5 % of the samples) sets the p99 by itself.
            Console.Error.WriteLine($"round {i}: {measured[^1]}");
        }

        var refresh = BenchHost.Percentile([.. measured.Select(r => r.SingleMs)], 50);
        var latencies = measured.SelectMany(r => r.BurstMs).ToList();
        var (median, p99) = (BenchHost.Percentile(latencies, 50), BenchHost.Percentile(latencies, 99));
        var target = $"{(p99 / refresh <= TargetP99Ratio ? "met" : "**missed**")} (p99 ≤ {TargetP99Ratio:0.0} × one refresh)";
        Console.WriteLine(
            "| scenario | database | warm-up rounds | rounds × callers | refresh calls per burst | one refresh alone, median (ms) "
                + "| burst latency median (ms) | p99 (ms) | median / one refresh | p99 / one refresh | target |"
        );
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(
            $"| 200 concurrent GetAsync, stale token | {host.Database.ProviderName} | {warmUp + 1} | {rounds} × 200 | "
                + $"{string.Join(", ", measured.Select(r => r.RefreshCalls).Distinct())} | "
                + $"{refresh:0.00} | {median:0.00} | {p99:0.00} | {median / refresh:0.00} | {p99 / refresh:0.00} | {target} |"
        );
        Console.WriteLine();
        Console.WriteLine(
            $"The first round after start, for comparison: one refresh {first.SingleMs:0.0} ms, burst median "
                + $"{BenchHost.Percentile(first.BurstMs, 50):0.0} ms, slowest {first.BurstMs.Max():0.0} ms."
        );
    }

    /// <summary>One caller alone on a stale token, for the round trip the burst is compared with; then 200 at once.</summary>
    private static async Task<Round> RunRoundAsync(BenchHost host, IConnectionAccessTokens tokens, Guid tenantId, Guid connectionId)
    {
        await host.AgeAccessTokenAsync(tenantId, connectionId);
        var started = Stopwatch.GetTimestamp();
        (await tokens.GetAsync(tenantId, connectionId, CancellationToken.None)).IsSuccess.ShouldBeTrueOrThrow();
        var single = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        await host.AgeAccessTokenAsync(tenantId, connectionId);
        host.Salesforce.RequestLog.Clear();
        var burst = Enumerable
            .Range(0, 200)
            .Select(async _ =>
            {
                var begin = Stopwatch.GetTimestamp();
                var result = await tokens.GetAsync(tenantId, connectionId, CancellationToken.None);
                result.IsSuccess.ShouldBeTrueOrThrow();
                return (Stopwatch.GetElapsedTime(begin).TotalMilliseconds, result.Value.AccessToken);
            })
            .ToList();
        var results = await Task.WhenAll(burst);
        if (results.Select(r => r.AccessToken).Distinct().Count() != 1)
        {
            throw new InvalidOperationException("Callers of one burst received different tokens.");
        }

        var refreshCalls = host.Salesforce.RequestLog.Count(r => r.Path == "/services/oauth2/token" && r.GrantType == "refresh_token");
        return new Round(single, [.. results.Select(r => r.TotalMilliseconds)], refreshCalls);
    }

    private sealed record Round(double SingleMs, List<double> BurstMs, int RefreshCalls)
    {
        public override string ToString() =>
            $"one refresh {SingleMs:0.0} ms; burst median {BenchHost.Percentile(BurstMs, 50):0.0} ms, slowest {BurstMs.Max():0.0} ms";
    }

    /// <summary>GetAsync on a fresh token, one caller at a time (one core's worth): calls per second.</summary>
    public static async Task FreshAsync(TimeSpan duration)
    {
        await using var host = await BenchHost.StartAsync();
        var (tenantId, connectionId) = await host.ConnectAsync();
        var tokens = host.Services.GetRequiredService<IConnectionAccessTokens>();
        for (var i = 0; i < 200; i++)
        {
            await tokens.GetAsync(tenantId, connectionId, CancellationToken.None);
        }

        var calls = 0;
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            (await tokens.GetAsync(tenantId, connectionId, CancellationToken.None)).IsSuccess.ShouldBeTrueOrThrow();
            calls++;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine("| scenario | database | calls | seconds | calls per second |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(
            $"| GetAsync, fresh token, sequential | {host.Database.ProviderName} | {calls} | {seconds:0.0} | {calls / seconds:0} |"
        );
    }

    private static void ShouldBeTrueOrThrow(this bool value)
    {
        if (!value)
        {
            throw new InvalidOperationException("A GetAsync call failed.");
        }
    }
}
