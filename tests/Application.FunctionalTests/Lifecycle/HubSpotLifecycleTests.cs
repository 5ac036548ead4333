using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.FunctionalTests.Connections;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.HubSpotEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>A HubSpot connection's life: 30-minute tokens refreshed, a refused refresh, the probe, and the revocation.</summary>
public sealed class HubSpotLifecycleTests(ApplicationFixture app) : LifecycleTest(app)
{
    private const string HubSpotTokenPath = "/oauth/v3/token";
    private const string HubSpotRevokePath = "/oauth/v3/token/revoke";
    private const string ContactsPath = "/crm/v3/objects/contacts";

    private HubSpotEmulatorHost HubSpot => App.HubSpot;

    private int HubSpotRefreshCalls => HubSpot.RequestLog.Count(r => r.Path == HubSpotTokenPath && r.GrantType == "refresh_token");

    private async Task<Guid> ConnectHubSpotAsync(EmulatorUser user)
    {
        var completed = await new HubSpotFlow(App).ConnectAsync(Admin, user);
        completed.IsSuccess.ShouldBeTrue(completed.Error?.Message);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        HubSpot.RequestLog.Clear();
        return completed.Value.ConnectionId!.Value;
    }

    [Fact]
    public async Task A_token_is_used_until_shortly_before_its_30_minutes_end_and_then_refreshed_once()
    {
        var id = await ConnectHubSpotAsync(HubSpot.Demo.Admin);
        var before = await StoredTokensAsync(id);
        App.Clock.Advance(TimeSpan.FromMinutes(25));

        var fresh = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        fresh.Value.AccessToken.ShouldBe(before.AccessToken);
        HubSpotRefreshCalls.ShouldBe(0);

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        var refreshed = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        refreshed.IsSuccess.ShouldBeTrue(refreshed.Error?.Message);
        refreshed.Value.AccessToken.ShouldNotBe(before.AccessToken);
        refreshed.Value.InstanceUrl.ShouldBe(HubSpot.ApiBaseUrl);
        HubSpotRefreshCalls.ShouldBe(1);
        HubSpot.IsTokenActive(refreshed.Value.AccessToken).ShouldBeTrue();
        var after = await StoredTokensAsync(id);
        after.AccessToken.ShouldBe(refreshed.Value.AccessToken);
        after.RefreshToken.ShouldBe(before.RefreshToken);
        var connection = await ConnectionAsync(id);
        connection.AccessTokenExpiresAt!.Value.ShouldBe(App.Clock.GetUtcNow() + TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(2));
        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        (await AuditEventsAsync("connection.token_refreshed")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_token_hubspot_says_expired_is_refreshed_once_by_verify_and_the_check_passes()
    {
        var id = await ConnectHubSpotAsync(HubSpot.Demo.Admin);
        HubSpot.ExpireAllAccessTokens();

        var result = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.Value.Healthy.ShouldBeTrue(result.Value.Message);
        HubSpotRefreshCalls.ShouldBe(1);
        HubSpot.RequestLog.Where(r => r.Path == ContactsPath).Select(r => r.StatusCode).ShouldBe([401, 200]);
        var connection = await ConnectionAsync(id);
        connection.AccountName.ShouldBe("acme-demo.hubspot.com");
        connection.AccountEdition.ShouldBe("STANDARD");
    }

    [Fact]
    public async Task After_the_app_is_uninstalled_a_refused_refresh_ends_in_needs_reauthorization_with_hubspots_words()
    {
        var id = await ConnectHubSpotAsync(HubSpot.Demo.Admin);
        HubSpot.RevokeAllTokens();
        App.Clock.Advance(TimeSpan.FromMinutes(31));

        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        token.Error!.Code.ShouldBe("needs_reauthorization");
        token.Error.Message.ShouldContain("HubSpot no longer accepts Natero's refresh token");
        HubSpotRefreshCalls.ShouldBe(1);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        connection.LastErrorCode.ShouldBe("refresh_rejected");

        var again = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        again.IsSuccess.ShouldBeFalse();
        HubSpotRefreshCalls.ShouldBe(1);
    }

    [Fact]
    public async Task Verify_on_a_grant_without_the_crm_scope_says_which_scope_is_missing_and_how_to_fix_it()
    {
        var id = await ConnectHubSpotAsync(HubSpot.Demo.Limited);

        var result = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.Value.Healthy.ShouldBeFalse();
        result.Value.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
        result.Value.Message.ShouldContain("crm.objects.contacts.read");
        result.Value.Message.ShouldContain("Super Admin");
        result.Value.Message.ShouldContain("CRM permission");
        HubSpotRefreshCalls.ShouldBe(0);
    }

    [Fact]
    public async Task A_hubspot_outage_during_verify_is_an_unknown_not_a_disabled_api()
    {
        var id = await ConnectHubSpotAsync(HubSpot.Demo.Admin);
        HubSpot.Faults.Inject(EmulatorEndpoint.Crm, Fault.ServerError(500), times: null);

        var result = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.Value.Healthy.ShouldBeFalse();
        result.Value.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        result.Value.Message.ShouldContain("could not confirm API access yet (HTTP 500");
    }

    [Fact]
    public async Task Disconnect_revokes_the_refresh_token_at_hubspot_and_erases_the_tokens()
    {
        var id = await ConnectHubSpotAsync(HubSpot.Demo.Admin);
        var (accessToken, refreshToken) = await StoredTokensAsync(id);

        var result = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.RevokedAtProvider.ShouldBeTrue();
        result.Value.Message.ShouldBe("Disconnected. Natero revoked its access at HubSpot and erased the tokens.");
        var revoke = HubSpot.RequestLog.Where(r => r.Path == HubSpotRevokePath).ShouldHaveSingleItem();
        revoke.Form["token_type_hint"].ShouldBe("refresh_token");
        revoke.QueryString.ShouldBeEmpty();
        revoke.StatusCode.ShouldBe(204);
        HubSpot.IsTokenActive(refreshToken!).ShouldBeFalse();
        HubSpot.IsTokenActive(accessToken!).ShouldBeFalse();
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.AccessTokenCiphertext.ShouldBeNull();
        connection.RefreshTokenCiphertext.ShouldBeNull();
        connection.ExternalOrgId.ShouldBe("12345678");
    }

    [Fact]
    public async Task Reauthorizing_the_same_portal_updates_the_one_connection_and_revokes_the_replaced_grant()
    {
        var id = await ConnectHubSpotAsync(HubSpot.Demo.Admin);
        var (_, replaced) = await StoredTokensAsync(id);

        var again = await new HubSpotFlow(App).ConnectAsync(Admin, HubSpot.Demo.Consultant, HubSpot.Demo.Acme.HubId);

        again.Value.Connected.ShouldBeTrue(again.Value.Message);
        again.Value.ConnectionId.ShouldBe(id);
        (await ConnectionAsync(id)).Username.ShouldBe("consultant@acme-hubspot.example");
        (await RevokeLetGoGrantsAsync()).ShouldBe(1);
        HubSpot.IsTokenActive(replaced!).ShouldBeFalse();
        (await StoredTokensAsync(id)).RefreshToken.ShouldNotBe(replaced);
    }
}
