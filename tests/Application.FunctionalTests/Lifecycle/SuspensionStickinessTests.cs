using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Connections.Queries.GetConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// S19: a suspension by Natero staff is theirs to lift; the tenant cannot shake it off by disconnecting and authorizing again.
/// </summary>
public sealed class SuspensionStickinessTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task S19_staff_suspension_survives_disconnect_and_a_new_authorization_of_the_same_org_until_staff_resume()
    {
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        (await App.SendAsync(new SuspendConnectionCommand(id, "Unpaid invoice INV-42."), platformAdmin)).IsSuccess.ShouldBeTrue();

        var disconnected = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);
        var again = await Flow.CompleteAsync(await Flow.AtSalesforceAsync(await Flow.StartAsync(Admin), App.Salesforce.Demo.Admin), Admin);

        disconnected.IsSuccess.ShouldBeTrue();
        disconnected.Value.Message.ShouldContain("stays suspended");
        again.Value.Connected.ShouldBeFalse();
        again.Value.Message.ShouldContain("suspended by Natero");
        var seen = (await App.SendAsync(new GetConnectionQuery(id), Admin, TestUsers.DemoTenant)).Value;
        seen.Status.ShouldBe(ConnectionStatus.Suspended);
        seen.SuspensionReason.ShouldBe("Unpaid invoice INV-42.");
        seen.DisconnectedAt.ShouldNotBeNull();
        var stored = await ConnectionAsync(id);
        stored.HasTokens.ShouldBeFalse();
        stored.RefreshTokenCiphertext.ShouldBeNull();

        var twice = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);
        twice.Error!.Kind.ShouldBe(ErrorKind.Conflict);

        (await App.SendAsync(new ResumeConnectionCommand(id), platformAdmin)).Value.ShouldBe(ConnectionStatus.Disconnected);
        var reconnected = await Flow.CompleteAsync(
            await Flow.AtSalesforceAsync(await Flow.StartAsync(Admin), App.Salesforce.Demo.Admin),
            Admin
        );
        reconnected.Value.Connected.ShouldBeTrue();
        reconnected.Value.ConnectionId.ShouldBe(id);
    }
}
