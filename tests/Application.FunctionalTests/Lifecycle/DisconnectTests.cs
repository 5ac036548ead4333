using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>R4: Disconnect revokes at Salesforce and erases the tokens; when Salesforce is down the tokens go anyway.</summary>
public sealed class DisconnectTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task R4_disconnect_revokes_the_refresh_token_at_salesforce_erases_the_tokens_and_keeps_the_record()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var (accessToken, refreshToken) = await StoredTokensAsync(id);

        var result = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.RevokedAtProvider.ShouldBeTrue();
        result.Value.Message.ShouldBe("Disconnected. Natero revoked its access at Salesforce and erased the tokens.");
        var revoke = App.Salesforce.RequestLog.Where(r => r.Path == RevokePath).ShouldHaveSingleItem();
        revoke.Form["token"].ShouldBe(refreshToken);
        revoke.StatusCode.ShouldBe(200);
        App.Salesforce.IsTokenActive(refreshToken!).ShouldBeFalse();
        App.Salesforce.IsTokenActive(accessToken!).ShouldBeFalse();
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.AccessTokenCiphertext.ShouldBeNull();
        connection.RefreshTokenCiphertext.ShouldBeNull();
        connection.AccessTokenIssuedAt.ShouldBeNull();
        connection.DisconnectedAt.ShouldNotBeNull();
        connection.ExternalOrgId.ShouldBe(App.Salesforce.Demo.Acme.Id);
        connection.LastErrorCode.ShouldBeNull();
        var audit = (await AuditEventsAsync("connection.disconnected")).ShouldHaveSingleItem();
        audit.ActorName.ShouldBe(TestUsers.DemoAdmin);
        DataOf(audit)["revoked_at_provider"].ShouldBe("True");

        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        token.Error!.Code.ShouldBe("connection_disconnected");
        RefreshCalls.ShouldBe(0);
    }

    [Fact]
    public async Task R4_when_salesforce_cannot_revoke_the_tokens_are_erased_anyway_and_the_failure_is_recorded()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Salesforce.Faults.Inject(EmulatorEndpoint.Revoke, Fault.ServerError(503), times: null);

        var result = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.RevokedAtProvider.ShouldBeFalse();
        result.Value.Message.ShouldContain("revoking them at the provider failed");
        RevokeCalls.ShouldBe(1);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.AccessTokenCiphertext.ShouldBeNull();
        connection.RefreshTokenCiphertext.ShouldBeNull();
        connection.LastErrorCode.ShouldBe("revoke_failed");
        connection.LastErrorMessage!.ShouldContain("Revoke Natero's access in the provider's settings too");
        var audit = (await AuditEventsAsync("connection.disconnected")).ShouldHaveSingleItem();
        DataOf(audit)["revoked_at_provider"].ShouldBe("False");
        audit.Reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Disconnecting_twice_is_a_conflict_and_calls_salesforce_once()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        (await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant)).IsSuccess.ShouldBeTrue();

        var again = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);

        again.Error!.Kind.ShouldBe(ErrorKind.Conflict);
        RevokeCalls.ShouldBe(1);
    }

    [Fact]
    public async Task A_member_without_configure_cannot_disconnect()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var member = await App.UserAsync(TestUsers.DemoMember);

        var result = await App.SendAsync(new DisconnectConnectionCommand(id), member, TestUsers.DemoTenant);

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        RevokeCalls.ShouldBe(0);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);
    }

    [Fact]
    public async Task Anonymous_callers_cannot_disconnect()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);

        var result = await App.SendAsync(new DisconnectConnectionCommand(id), null, TestUsers.DemoTenant);

        result.Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        RevokeCalls.ShouldBe(0);
    }

    [Fact]
    public async Task The_admin_of_another_tenant_finds_no_such_connection_and_nothing_is_revoked()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        var otherAdmin = await App.CreateTenantAsync("other", "admin@other.test");

        var inOwnTenant = await App.SendAsync(new DisconnectConnectionCommand(id), otherAdmin, "other");
        var inDemo = await App.SendAsync(new DisconnectConnectionCommand(id), otherAdmin, TestUsers.DemoTenant);

        inOwnTenant.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        inDemo.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        RevokeCalls.ShouldBe(0);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        connection.AccessTokenCiphertext.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_disconnected_connection_comes_back_with_the_same_id_when_authorized_again()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        (await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant)).IsSuccess.ShouldBeTrue();

        var again = await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin);

        again.Value.ConnectionId.ShouldBe(id);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        connection.DisconnectedAt.ShouldBeNull();
        connection.AccessTokenCiphertext.ShouldNotBeNull();
    }
}
