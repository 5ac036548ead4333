using System.Net;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class LoginRestrictionTests : EmulatorTest
{
    [Fact]
    public async Task Ip_restricted_user_gets_ip_restricted_at_the_code_exchange()
    {
        var pkce = Pkce.New();
        var callback = await AuthorizeInNewBrowserAsync(Demo.IpRestricted, pkce);

        var (status, body) = await ExchangeAsync(QueryOf(callback)["code"], pkce);

        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeOAuthError(body, "invalid_grant", "ip restricted");
    }

    [Fact]
    public async Task Ip_restriction_switched_on_breaks_a_working_connection_at_refresh_and_on_REST()
    {
        var token = await ConnectAsync();

        Demo.Admin.LoginIpRestricted = true;
        using var rest = await GetAsync(Rest(token), Field(token, "access_token"));
        var (status, refresh) = await RefreshAsync(Field(token, "refresh_token"));
        using var identity = await GetAsync(Field(token, "id"), Field(token, "access_token"));

        rest.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await rest.Content.ReadAsStringAsync(Cancel)).ShouldContain("INVALID_SESSION_ID");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeOAuthError(refresh, "invalid_grant", "ip restricted");
        identity.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await identity.Content.ReadAsStringAsync(Cancel)).ShouldBe("Bad_OAuth_Token");

        Demo.Admin.LoginIpRestricted = false;
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Relaxing_ip_restrictions_for_the_app_lets_the_user_connect()
    {
        Demo.App.In(Demo.Acme).IpRelaxation = IpRelaxation.Relax;

        var token = await ConnectInNewBrowserAsync(Demo.IpRestricted);

        (await GetAsync(Rest(token), Field(token, "access_token"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Relaxing_for_refresh_tokens_checks_only_the_code_exchange()
    {
        var token = await ConnectAsync();
        Demo.App.In(Demo.Acme).IpRelaxation = IpRelaxation.RelaxForRefreshTokens;
        Demo.Admin.LoginIpRestricted = true;

        var (refreshStatus, refreshed) = await RefreshAsync(Field(token, "refresh_token"));
        var pkce = Pkce.New();
        var callback = await AuthorizeInNewBrowserAsync(Demo.Admin, pkce);
        var (_, exchange) = await ExchangeAsync(QueryOf(callback)["code"], pkce);

        refreshStatus.ShouldBe(HttpStatusCode.OK);
        (await GetAsync(Rest(refreshed), Field(refreshed, "access_token"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldBeOAuthError(exchange, "invalid_grant", "ip restricted");
    }

    [Fact]
    public async Task Deactivating_the_user_or_the_org_breaks_a_working_connection()
    {
        var token = await ConnectAsync();

        Demo.Admin.Active = false;
        using var userRest = await GetAsync(Rest(token), Field(token, "access_token"));
        var (_, user) = await RefreshAsync(Field(token, "refresh_token"));
        Demo.Admin.Active = true;
        Demo.Acme.Active = false;
        var (_, org) = await RefreshAsync(Field(token, "refresh_token"));
        Demo.Acme.Active = true;

        userRest.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ShouldBeOAuthError(user, "invalid_grant", "inactive user");
        ShouldBeOAuthError(org, "invalid_grant", "inactive organization");
        (await RefreshAsync(Field(token, "refresh_token"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Demo_inactive_user_is_redirected_with_inactive_user()
    {
        var callback = await AuthorizeInNewBrowserAsync(Demo.InactiveUser);

        QueryOf(callback)["error"].ShouldBe("inactive_user");
    }
}
