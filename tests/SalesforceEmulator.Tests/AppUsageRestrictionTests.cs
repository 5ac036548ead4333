using System.Net;
using System.Text.Json.Nodes;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed class AppUsageRestrictionTests : EmulatorTest
{
    private const string ErrorPage = "/setup/secur/RemoteAccessErrorPage.apexp";

    [Fact]
    public async Task Uninstalled_app_stops_a_user_without_the_permission_on_salesforces_error_page()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() => AuthorizeInNewBrowserAsync(Demo.InitechUser));

        failure.Message.ShouldContain(
            "OAUTH_APPROVAL_ERROR_GENERIC: An unexpected error has occurred during authentication. Please try again."
        );
        var page = Emulator.RequestLog.Single(r => r.Path == ErrorPage);
        page.QueryString.ShouldBe("?error=invalid_client&error_description=app+must+be+installed+into+org");
        page.Origin.ShouldBe(Emulator.BaseUrl.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task Uninstalled_app_redirect_goes_to_the_error_page_on_the_same_host_not_to_the_callback()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var loginPage = await browser.GetAsync(AuthorizeUrl(Emulator.BaseUrl, Pkce.New()), Cancel);
        var html = await loginPage.Content.ReadAsStringAsync(Cancel);
        var requestId = System.Text.RegularExpressions.Regex.Match(html, "name=\"req\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["req"] = WebUtility.HtmlDecode(requestId),
                ["username"] = Demo.InitechUser.Username,
                ["pw"] = DemoData.Password,
            }
        );

        using var loggedIn = await browser.PostAsync(new Uri(Emulator.BaseUrl, "/login"), form, Cancel);

        loggedIn.StatusCode.ShouldBe(HttpStatusCode.Found);
        loggedIn.Headers.Location!.OriginalString.ShouldBe(
            ErrorPage + "?error=invalid_client&error_description=app+must+be+installed+into+org"
        );
    }

    [Fact]
    public async Task Uninstalled_app_is_authorized_by_a_user_with_Approve_Uninstalled_Connected_Apps()
    {
        var token = await ConnectInNewBrowserAsync(Demo.InitechAdmin);

        (await GetAsync(Rest(token), Field(token, "access_token"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Use_Any_API_Client_approves_uninstalled_apps_only_where_the_org_still_allows_it()
    {
        Demo.InitechUser.UseAnyApiClient = true;
        await Should.ThrowAsync<InvalidOperationException>(() => AuthorizeInNewBrowserAsync(Demo.InitechUser));

        Demo.Initech.UseAnyApiClientApprovesUninstalledApps = true;
        var callback = await AuthorizeInNewBrowserAsync(Demo.InitechUser);

        QueryOf(callback).ShouldContainKey("code");
    }

    [Fact]
    public async Task Uninstalling_keeps_existing_approvals_working_and_installing_admits_everyone()
    {
        var token = await ConnectAsync();

        Demo.App.In(Demo.Acme).Installed = false;
        var (refreshStatus, _) = await RefreshAsync(Field(token, "refresh_token"));
        await Should.ThrowAsync<InvalidOperationException>(() => AuthorizeInNewBrowserAsync(Demo.NoApiUser));
        Demo.App.In(Demo.Initech).Installed = true;
        var initech = await AuthorizeInNewBrowserAsync(Demo.InitechUser);

        refreshStatus.ShouldBe(HttpStatusCode.OK);
        QueryOf(initech).ShouldContainKey("code");
    }

    [Fact]
    public async Task Org_without_the_restriction_lets_anyone_authorize_an_uninstalled_app()
    {
        Demo.Initech.RestrictUninstalledApps = false;

        var callback = await AuthorizeInNewBrowserAsync(Demo.InitechUser);

        QueryOf(callback).ShouldContainKey("code");
    }

    [Fact]
    public async Task App_blocked_in_one_org_redirects_its_users_with_OAUTH_APP_BLOCKED_and_ends_their_sessions()
    {
        var acme = await ConnectAsync();
        var hooli = await AuthorizeInNewBrowserAsync(Demo.HooliAdmin);

        Demo.App.In(Demo.Acme).Blocked = true;
        using var rest = await GetAsync(Rest(acme), Field(acme, "access_token"));
        var (_, refresh) = await RefreshAsync(Field(acme, "refresh_token"));

        QueryOf(hooli)["error"].ShouldBe("OAUTH_APP_BLOCKED");
        QueryOf(hooli)["error_description"].ShouldBe("this app is blocked by admin");
        rest.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        Field(refresh, "error").ShouldBe("invalid_app_access");
        QueryOf(await AuthorizeInNewBrowserAsync(Demo.GlobexAdmin)).ShouldContainKey("code");
    }

    [Fact]
    public async Task Admin_approved_users_only_in_one_org_refuses_users_not_pre_authorized()
    {
        var refused = QueryOf(await AuthorizeInNewBrowserAsync(Demo.UmbrellaUnapproved));
        var admitted = QueryOf(await AuthorizeInNewBrowserAsync(Demo.UmbrellaApproved));

        refused["error"].ShouldBe("OAUTH_APP_ACCESS_DENIED");
        refused["error_description"].ShouldBe("user is not admin approved to access this app");
        refused["state"].ShouldBe("state-123");
        admitted.ShouldContainKey("code");
    }

    [Fact]
    public async Task Org_can_report_a_user_not_admin_approved_as_access_denied()
    {
        Demo.Umbrella.ReportsAdminApprovalAsAccessDenied = true;

        var callback = await AuthorizeInNewBrowserAsync(Demo.UmbrellaUnapproved);

        callback.OriginalString.ShouldBe(
            $"{Callback}?error=access_denied&error_description=user+is+not+admin+approved+to+access+this+app&state=state-123"
        );
    }

    [Fact]
    public async Task Refresh_token_limit_is_set_per_app_and_the_oldest_grant_is_revoked_silently()
    {
        Demo.App.RefreshTokensPerUser = 2;
        var first = await ConnectAsync();
        var second = await ConnectAsync();
        var other = await ConnectInNewBrowserAsync(Demo.NoApiUser);

        var third = await ConnectAsync();

        Emulator.IsTokenActive(Field(first, "refresh_token")).ShouldBeFalse();
        Emulator.IsTokenActive(Field(first, "access_token")).ShouldBeFalse();
        (await RefreshAsync(Field(first, "refresh_token"))).Body["error_description"]!
            .GetValue<string>()
            .ShouldBe("expired access/refresh token");
        new[] { second, third, other }.ShouldAllBe(t => Emulator.IsTokenActive(t["refresh_token"]!.GetValue<string>()));
    }

    [Fact]
    public void Refresh_token_limit_is_at_least_one()
    {
        Demo.App.RefreshTokensPerUser.ShouldBe(5);

        Should.Throw<ArgumentOutOfRangeException>(() => Demo.App.RefreshTokensPerUser = 0);
    }

    private static string Field(JsonObject json, string name) => json[name]!.GetValue<string>();
}
