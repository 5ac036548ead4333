using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.FunctionalTests.Connections;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.ZendeskEmulator;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>
/// A Zendesk connection's tokens over time, against the emulator: expiring tokens refreshed with rotation, a legacy
/// client's tokens that never expire, a refused refresh, the tickets probe, and revocation verified with users/me.
/// </summary>
public sealed class ZendeskLifecycleTests(ApplicationFixture app) : LifecycleTest(app)
{
    private const string ZendeskTokenPath = "/oauth/tokens";
    private const string RevokeCurrentPath = "/api/v2/oauth/tokens/current.json";
    private const string TicketsPath = "/api/v2/tickets.json";
    private const string MePath = "/api/v2/users/me.json";

    private readonly ZendeskFlow _zendesk = new(app);

    private ZendeskEmulatorHost Emulator => App.Zendesk;

    private int ZendeskRefreshCalls => Emulator.RequestLog.Count(r => r.Path == ZendeskTokenPath && r.GrantType == "refresh_token");

    private async Task<Guid> ConnectZendeskAsync(ZendeskUser user)
    {
        var completed = await _zendesk.ConnectAsync(Admin, user);
        completed.IsSuccess.ShouldBeTrue(completed.Error?.Message);
        completed.Value.Connected.ShouldBeTrue(completed.Value.Message);
        Emulator.RequestLog.Clear();
        return completed.Value.ConnectionId!.Value;
    }

    [Fact]
    public async Task An_expiring_token_is_refreshed_when_it_expires_and_the_rotated_refresh_token_is_stored()
    {
        var id = await ConnectZendeskAsync(Emulator.Demo.Admin);
        var (oldAccess, oldRefresh) = await StoredTokensAsync(id);
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).Value.AccessToken.ShouldBe(oldAccess);
        ZendeskRefreshCalls.ShouldBe(0);

        App.Clock.Advance(TimeSpan.FromMinutes(30));
        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        token.IsSuccess.ShouldBeTrue(token.Error?.Message);
        token.Value.AccessToken.ShouldNotBe(oldAccess);
        token.Value.InstanceUrl.ShouldBe(Emulator.Demo.Acme.BaseUrl);
        ZendeskRefreshCalls.ShouldBe(1);
        var refresh = Emulator.RequestLog.Single(r => r.GrantType == "refresh_token");
        refresh.StatusCode.ShouldBe(201);
        refresh.Body["client_id"].ShouldBe(DemoData.ClientId);
        var (newAccess, newRefresh) = await StoredTokensAsync(id);
        newAccess.ShouldBe(token.Value.AccessToken);
        newRefresh.ShouldNotBe(oldRefresh);
        Emulator.IsTokenActive(oldRefresh!).ShouldBeFalse();
        Emulator.IsTokenActive(newRefresh!).ShouldBeTrue();
        var connection = await ConnectionAsync(id);
        connection.AccessTokenExpiresAt!.Value.ShouldBe(App.Clock.GetUtcNow() + TimeSpan.FromMinutes(30), Precision);
        DataOf((await AuditEventsAsync("connection.token_refreshed")).ShouldHaveSingleItem())["refresh_token_rotated"].ShouldBe("True");
    }

    [Fact]
    public async Task A_refresh_zendesk_refuses_marks_the_connection_needs_reauthorization_with_zendesks_words()
    {
        var id = await ConnectZendeskAsync(Emulator.Demo.Admin);
        Emulator.RevokeAllTokens();
        App.Clock.Advance(TimeSpan.FromMinutes(31));

        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);

        token.Error!.Code.ShouldBe("needs_reauthorization");
        token.Error.Message.ShouldContain("Zendesk no longer accepts Natero's refresh token");
        Emulator.RequestLog.Single(r => r.GrantType == "refresh_token").StatusCode.ShouldBe(400);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        connection.LastErrorCode.ShouldBe(ProviderErrorCodes.RefreshRejected);
    }

    [Fact]
    public async Task A_token_zendesk_rejects_is_refreshed_once_when_verifying_and_the_check_passes()
    {
        var id = await ConnectZendeskAsync(Emulator.Demo.Admin);
        Emulator.ExpireAllAccessTokens();

        var verified = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        verified.Value.Healthy.ShouldBeTrue(verified.Value.Message);
        Emulator.RequestLog.Where(r => r.Path == TicketsPath).Select(r => r.StatusCode).ShouldBe([401, 200]);
        ZendeskRefreshCalls.ShouldBe(1);
    }

    [Fact]
    public async Task A_legacy_clients_token_has_no_expiry_and_no_refresh_token_and_is_used_as_long_as_it_works()
    {
        Emulator.Demo.ExpiringClient.TokensExpire = false;
        var id = await ConnectZendeskAsync(Emulator.Demo.Admin);
        var (access, refresh) = await StoredTokensAsync(id);
        refresh.ShouldBeNull();
        var connection = await ConnectionAsync(id);
        connection.AccessTokenExpiresAt.ShouldBeNull();
        connection.RefreshTokenCiphertext.ShouldBeNull();

        App.Clock.Advance(TimeSpan.FromDays(400));
        var token = await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None);
        var verified = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        token.Value.AccessToken.ShouldBe(access);
        verified.Value.Healthy.ShouldBeTrue(verified.Value.Message);
        ZendeskRefreshCalls.ShouldBe(0);
    }

    [Fact]
    public async Task A_legacy_token_zendesk_refuses_needs_reauthorization_since_nothing_can_renew_it()
    {
        Emulator.Demo.ExpiringClient.TokensExpire = false;
        var id = await ConnectZendeskAsync(Emulator.Demo.Admin);
        Emulator.RevokeAllTokens();

        var verified = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        verified.Value.Healthy.ShouldBeFalse();
        verified.Value.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        Emulator.RequestLog.Single(r => r.Path == TicketsPath).StatusCode.ShouldBe(401);
        ZendeskRefreshCalls.ShouldBe(0);
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.NeedsReauthorization);
        connection.LastErrorCode.ShouldBe(ProviderErrorCodes.RefreshRejected);
        connection.LastErrorMessage!.ShouldContain("Zendesk refused the access token, and its grant came without a refresh token");
    }

    [Fact]
    public async Task Verification_that_zendesk_refuses_with_403_says_api_access_is_disabled_with_the_fix()
    {
        var id = await ConnectZendeskAsync(Emulator.Demo.Agent);
        Emulator.Faults.Inject(
            EmulatorEndpoint.Tickets,
            Fault.Respond(403, "application/json", """{"error":"Forbidden","description":"You do not have access to this page."}""")
        );

        var verified = await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant);

        verified.Value.Healthy.ShouldBeFalse();
        verified.Value.Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
        var connection = await ConnectionAsync(id);
        connection.LastErrorCode.ShouldBe("zendesk_api_forbidden");
        connection.LastErrorMessage!.ShouldContain("Zendesk refused to list tickets for this user (HTTP 403)");
        connection.LastErrorMessage!.ShouldContain("Admin Center > People");
        await using var scope = App.Services.CreateAsyncScope();
        var descriptor = scope.ServiceProvider.GetRequiredService<IOAuthProviderRegistry>().Find("zendesk")!.Descriptor;
        descriptor.ApiAccessFixIt!.ShouldContain(step => step.Contains("Admin Center > People", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disconnect_revokes_the_token_at_zendesk_and_confirms_it_no_longer_works()
    {
        var id = await ConnectZendeskAsync(Emulator.Demo.Admin);
        var (access, refresh) = await StoredTokensAsync(id);

        var result = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.RevokedAtProvider.ShouldBeTrue();
        result.Value.Message.ShouldBe("Disconnected. Natero revoked its access at Zendesk and erased the tokens.");
        var revoke = Emulator.RequestLog.Single(r => r.Method == "DELETE");
        revoke.Path.ShouldBe(RevokeCurrentPath);
        revoke.StatusCode.ShouldBe(204);
        revoke.Authorization.ShouldBe("Bearer " + RequestLog.Redacted);
        Emulator.RequestLog.Single(r => r.Path == MePath).StatusCode.ShouldBe(401);
        Emulator.IsTokenActive(access!).ShouldBeFalse();
        Emulator.IsTokenActive(refresh!).ShouldBeFalse();
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.AccessTokenCiphertext.ShouldBeNull();
        connection.RefreshTokenCiphertext.ShouldBeNull();
    }

    [Fact]
    public async Task Disconnect_with_an_expired_access_token_refreshes_first_and_revokes_the_new_one()
    {
        var id = await ConnectZendeskAsync(Emulator.Demo.Admin);
        var (_, refresh) = await StoredTokensAsync(id);
        Emulator.ExpireAllAccessTokens();

        var result = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.Value.RevokedAtProvider.ShouldBeTrue(result.Value.Message);
        Emulator.RequestLog.Where(r => r.Method == "DELETE").Select(r => r.StatusCode).ShouldBe([401, 204]);
        ZendeskRefreshCalls.ShouldBe(1);
        Emulator.IsTokenActive(refresh!).ShouldBeFalse();
    }

    [Fact]
    public async Task A_revocation_zendesk_answers_but_ignores_is_reported_so_the_admin_revokes_it_in_zendesk()
    {
        var id = await ConnectZendeskAsync(Emulator.Demo.Admin);
        var (access, _) = await StoredTokensAsync(id);
        Emulator.Settings.RevokeCurrentNeedsWriteScope = true;

        var result = await App.SendAsync(new DisconnectConnectionCommand(id), Admin, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.RevokedAtProvider.ShouldBeFalse();
        result.Value.Message.ShouldContain("the token still works");
        result.Value.Message.ShouldContain("Revoke it in Zendesk's settings too");
        Emulator.RequestLog.Single(r => r.Method == "DELETE").StatusCode.ShouldBe(204);
        Emulator.RequestLog.Single(r => r.Path == MePath).StatusCode.ShouldBe(200);
        Emulator.IsTokenActive(access!).ShouldBeTrue();
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.AccessTokenCiphertext.ShouldBeNull();
        connection.LastErrorCode.ShouldBe("revoke_failed");
    }
}
