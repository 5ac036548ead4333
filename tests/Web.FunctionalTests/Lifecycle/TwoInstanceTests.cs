using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Monitoring;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Lifecycle;

/// <summary>
/// Two app instances on one PostgreSQL database, as production runs: a stale token is refreshed once
/// across both (R1), their monitors never verify the same connection twice, and an OAuth flow started on
/// one completes on the other.
/// </summary>
public sealed class TwoInstanceTests(NateroWebFactory factory) : LifecycleWebTest(factory)
{
    [Fact]
    public async Task A_connect_flow_started_on_one_instance_completes_on_the_other()
    {
        RequirePostgres("a flow across instances");

        // One browser, one cookie jar, two instances behind a load balancer without affinity. Both are
        // started for this test: the shared factory keeps a Data Protection key ring that the reset
        // between tests removed from the database, which no real instance would see.
        var cookies = new System.Net.CookieContainer();
        await using var firstHost = Factory.WithWebHostBuilder(_ => { });
        using var first = new Browser(
            firstHost.CreateDefaultClient(
                new Uri("https://localhost"),
                new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)
            )
        );
        await using var secondHost = Factory.WithWebHostBuilder(_ => { });
        using var second = new Browser(
            secondHost.CreateDefaultClient(
                new Uri("https://localhost"),
                new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)
            )
        );
        (await first.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);

        var authorizationUrl = await ConnectFlow.StartAsync(first);
        var callback = await ConnectFlow.AtSalesforceAsync(authorizationUrl, Demo.Admin);
        using var landed = await second.GetPageAsync(callback);

        landed.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, await landed.Content.ReadAsStringAsync());
        landed.Headers.Location!.ToString().ShouldStartWith(ManageOAuth);
        var page = await second.GetHtmlAsync(landed.Headers.Location.ToString());
        page.ShouldContain("Pending configuration");
        (await first.GetHtmlAsync(ManageOAuth)).ShouldContain(Demo.Admin.Username);
    }

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

                var results = await Task.WhenAll(
                    Enumerable.Range(0, 50).Select(i => Task.Run(() => instances[i % 2].GetAsync(tenantId, id, CancellationToken.None)))
                );

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

        var results = await Task.WhenAll(
            Enumerable.Range(0, 20).Select(i => Task.Run(() => instances[i % 2].GetAsync(tenantId, id, CancellationToken.None)))
        );

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
        string[] instanceHosts =
        [
            .. new[] { Demo.Acme, Demo.AcmeSandbox, Demo.Globex }.Select(o => o.MyDomainUrl.GetLeftPart(UriPartial.Authority)),
        ];
        await using var second = Factory.WithWebHostBuilder(_ => { });
        ConnectionMonitor[] monitors =
        [
            Factory.Services.GetRequiredService<ConnectionMonitor>(),
            second.Services.GetRequiredService<ConnectionMonitor>(),
        ];
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
            probes
                .GroupBy(p => p.Origin)
                .ToDictionary(g => g.Key, g => g.Count())
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
