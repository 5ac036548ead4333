using System.Net;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>A request that lost a race to another writer is a 409 problem that says to reload, never a 500.</summary>
public sealed class ConcurrentChangeApiTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_disconnect_that_loses_to_a_suspension_is_a_409_problem_that_says_to_reload()
    {
        var id = await Factory.ConnectDemoAsync();
        var tenantKey = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.Configure);
        using var tenant = Client(Factory, tenantKey);
        using var platform = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));

        // The disconnect has read the row and waits on the provider's revoke while staff suspend the connection.
        var revoke = Factory.Salesforce.Faults.Inject(EmulatorEndpoint.Revoke, Fault.Delay(TimeSpan.FromSeconds(2)));
        var disconnect = tenant.SendAsync(HttpMethod.Delete, $"/api/v1/connections/{id}");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (revoke.TimesServed == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
            }
        }

        var suspendPath = $"/api/v1/platform/connections/{id}/suspend";
        using (var suspend = await platform.SendAsync(HttpMethod.Post, suspendPath, new { reason = "Unpaid invoice" }))
        {
            suspend.StatusCode.ShouldBe(HttpStatusCode.OK, await suspend.Content.ReadAsStringAsync());
        }

        using var response = await disconnect;

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict", "concurrent_change");
        problem.GetProperty("detail").GetString()!.ShouldContain("Reload");
        var connection = await Factory.DbAsync(db =>
            db.ProviderConnections.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == id)
        );
        connection.Status.ShouldBe(ConnectionStatus.Suspended);
        connection.HasTokens.ShouldBeTrue("the losing disconnect erased nothing");
    }
}
