using System.Net;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Lifecycle;

/// <summary>On a page, an action that lost a race to another writer is a banner that says to reload, never an error page.</summary>
public sealed class ConcurrentChangePageTests(NateroWebFactory factory) : LifecycleWebTest(factory)
{
    [Fact]
    public async Task A_disconnect_that_loses_to_a_suspension_shows_a_banner_to_reload_and_changes_nothing()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        using var staff = await SignedInAs(TestUsers.PlatformAdmin);
        var id = await ConnectAsync(admin, Demo.Admin);

        // The disconnect has read the row and waits on the provider's revoke while staff suspend the connection.
        var revoke = Factory.Salesforce.Faults.Inject(EmulatorEndpoint.Revoke, Fault.Delay(TimeSpan.FromSeconds(2)));
        var disconnect = admin.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Disconnect", [new("connectionId", id.ToString())]);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (revoke.TimesServed == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
            }
        }

        using (
            var suspend = await staff.SubmitAsync(
                PlatformConnections,
                PlatformConnections + "?handler=Suspend",
                [new("connectionId", id.ToString())]
            )
        )
        {
            suspend.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var response = await disconnect;

        // The page comes back with its form and the reason, as for any refusal.
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain(
            "<div class=\"alert error validation-summary-errors\" role=\"alert\"><ul><li>Someone else changed this while you "
                + "were working on it, so nothing was saved. Reload the page to see the change, then try again.</li>"
        );
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Suspended);
        connection.HasTokens.ShouldBeTrue("the losing disconnect erased nothing");
    }
}
