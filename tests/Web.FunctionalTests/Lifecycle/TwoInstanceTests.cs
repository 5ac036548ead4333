using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Monitoring;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Lifecycle;

/// <summary>
/// Two app instances on one PostgreSQL database, as production runs: a stale token is refreshed once
/// across both (R1), and their monitors never verify the same connection twice.
/// </summary>
public sealed class TwoInstanceTests(NateroWebFactory factory) : LifecycleWebTest(factory)
{
    [Fact]
    public async Task R1_fifty_requests_spread_over_two_instances_cause_one_refresh_and_the_rotated_refresh_token_is_stored()
    {
        RequirePostgres("R1 across instances");
        Demo.App.RotateRefreshTokens = true;
        try
        {
            using var browser = await SignedInAs(TestUsers.DemoAdmin);
            var id = await ConnectAsync(browser, Demo.Admin);
            var tenantId = await TenantIdAsync();
            var original = await StoredRefreshTokenAsync(id);
            await using var second = Factory.WithWebHostBuilder(_ => { });
            IConnectionAccessTokens[] instances =
            [
                Factory.Services.GetRequiredService<IConnectionAccessTokens>(),
                second.Services.GetRequiredService<IConnectionAccessTokens>(),
            ];
            instances[0].ShouldNotBeSameAs(instances[1]);

            for (var round = 1; round <= 2; round++)
            {
                await AgeAccessTokenAsync(id);
                var before = await StoredRefreshTokenAsync(id);

                var results = await Task.WhenAll(Enumerable.Range(0, 50)
                    .Select(i => Task.Run(() => instances[i % 2].GetAsync(tenantId, id, CancellationToken.None))));

                results.ShouldAllBe(r => r.IsSuccess);
                RefreshCalls.ShouldBe(round);
                var token = results.Select(r => r.Value.AccessToken).Distinct().ShouldHaveSingleItem();
                Factory.Salesforce.IsTokenActive(token).ShouldBeTrue();
                var rotated = await StoredRefreshTokenAsync(id);
                rotated.ShouldNotBe(before);
                Factory.Salesforce.IsTokenActive(rotated!).ShouldBeTrue();
                Factory.Salesforce.IsTokenActive(before!).ShouldBeFalse();
                Factory.Salesforce.RequestLog.Where(r => r.Path == TokenPath).Last().Form["refresh_token"].ShouldBe(before);
            }

            Factory.Salesforce.RequestLog.Where(r => r.Path == TokenPath).ShouldAllBe(r => r.StatusCode == 200);
            Factory.Salesforce.IsTokenActive(original!).ShouldBeFalse();
            var connection = await ConnectionAsync(id);
            connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
            (await AuditEventsAsync("connection.token_refreshed")).Count.ShouldBe(2);
        }
        finally
        {
            Demo.App.RotateRefreshTokens = false;
        }
    }

    [Fact]
    public async Task R2_a_revoked_refresh_token_seen_by_two_instances_stops_the_connection_once()
    {
        RequirePostgres("R2 across instances");
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(browser, Demo.Admin);
        var tenantId = await TenantIdAsync();
        await using var second = Factory.WithWebHostBuilder(_ => { });
        IConnectionAccessTokens[] instances =
        [
            Factory.Services.GetRequiredService<IConnectionAccessTokens>(),
            second.Services.GetRequiredService<IConnectionAccessTokens>(),
        ];
        Factory.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(id);

        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => instances[i % 2].GetAsync(tenantId, id, CancellationToken.None))));

        results.ShouldAllBe(r => !r.IsSuccess && r.Error!.Code == "needs_reauthorization");
        RefreshCalls.ShouldBe(1);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        (await AuditEventsAsync("connection.needs_reauthorization")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Monitors_of_two_instances_running_at_once_verify_each_due_connection_exactly_once()
    {
        RequirePostgres("The monitor across instances");
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        Guid[] ids =
        [
            await ConnectAsync(browser, Demo.Admin),
            await ConnectAsync(browser, Demo.SandboxAdmin, "Sandbox"),
            await ConnectAsync(browser, Demo.GlobexAdmin),
        ];
        string[] instanceHosts = [.. new[] { Demo.Acme, Demo.AcmeSandbox, Demo.Globex }.Select(o => o.MyDomainUrl.GetLeftPart(UriPartial.Authority))];
        await using var second = Factory.WithWebHostBuilder(_ => { });
        ConnectionMonitor[] monitors = [Factory.Services.GetRequiredService<ConnectionMonitor>(), second.Services.GetRequiredService<ConnectionMonitor>()];
        monitors[0].InstanceId.ShouldNotBe(monitors[1].InstanceId);

        for (var round = 1; round <= 3; round++)
        {
            foreach (var id in ids)
            {
                await MarkTokenFreshAsync(id);
                await MakeDueAsync(id);
            }

            Factory.Salesforce.RequestLog.Clear();
            var startedAt = DateTimeOffset.UtcNow;

            var verified = await Task.WhenAll(monitors.Select(m => Task.Run(() => m.RunOnceAsync(CancellationToken.None))));

            verified.Sum().ShouldBe(3, $"round {round}: verified {string.Join(" + ", verified)}");
            var probes = Factory.Salesforce.RequestLog.Where(r => r.Path == ProbePath).ToList();
            probes.GroupBy(p => p.Origin).ToDictionary(g => g.Key, g => g.Count())
                .ShouldBe(instanceHosts.ToDictionary(h => h, _ => 1), ignoreOrder: true);
            RefreshCalls.ShouldBe(0);
            foreach (var id in ids)
            {
                var connection = await ConnectionAsync(id);
                connection.LastVerifiedAt.ShouldNotBeNull();
                connection.LastVerifiedAt!.Value.ShouldBeGreaterThanOrEqualTo(startedAt.AddSeconds(-1));
                connection.NextVerificationAt!.Value.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
                connection.VerificationLeaseOwner.ShouldBeNull();
            }
        }

        (await ConnectionAsync(ids[2])).Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
    }
}
