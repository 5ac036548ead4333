using System.Net;
using System.Text.RegularExpressions;

namespace Natero.Connectors.HubSpotEmulator.Tests;

public sealed partial class AuthorizationFlowTests : EmulatorTest
{
    [Fact]
    public async Task Login_and_approve_send_the_browser_to_the_callback_with_a_code_and_the_state()
    {
        var outcome = await Browser.AuthorizeAsync(InstallUrl(), Demo.Admin.Email, DemoData.Password, cancellationToken: Cancel);

        var callback = outcome.Callback.ShouldNotBeNull();
        callback.GetLeftPart(UriPartial.Path).ShouldBe(Callback);
        var query = QueryOf(callback);
        query.Keys.ShouldBe(["code", "state"], ignoreOrder: true);
        query["state"].ShouldBe(State);
    }

    [Fact]
    public async Task Pages_work_as_plain_forms_with_stable_names_over_real_http()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);

        using var login = await browser.GetAsync(InstallUrl(), Cancel);
        var loginPage = await login.Content.ReadAsStringAsync(Cancel);
        loginPage.ShouldContain("name=\"email\"");
        loginPage.ShouldContain("name=\"password\"");
        loginPage.ShouldContain("id=\"login\"");
        using var loggedIn = await Post(browser, "/login", Req(loginPage), ("email", Demo.Admin.Email), ("password", DemoData.Password));
        loggedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var consent = await browser.GetAsync(new Uri(Emulator.BaseUrl, loggedIn.Headers.Location!), Cancel);
        var consentPage = await consent.Content.ReadAsStringAsync(Cancel);
        consentPage.ShouldContain("id=\"approve\"");
        consentPage.ShouldContain("id=\"deny\"");
        consentPage.ShouldContain("data-scope=\"crm.objects.contacts.read\"");
        using var approved = await Post(browser, "/oauth/authorize/consent", Req(consentPage), ("decision", "approve"));

        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        approved.Headers.Location!.ToString().ShouldStartWith(Callback + "?code=");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_login_page_again_with_a_message()
    {
        var outcome = await Browser.AuthorizeAsync(InstallUrl(), Demo.Admin.Email, "wrong", cancellationToken: Cancel);

        outcome.Callback.ShouldBeNull();
        outcome.PageMessage.ShouldBe("That email and password combination isn't valid.");
    }

    [Fact]
    public async Task A_second_install_in_the_same_browser_skips_the_password()
    {
        await AuthorizeAsync();

        var outcome = await Browser.AuthorizeAsync(InstallUrl(), Demo.Admin.Email, "not asked", cancellationToken: Cancel);

        QueryOf(outcome.Callback.ShouldNotBeNull()).ShouldContainKey("code");
    }

    [Fact]
    public async Task An_unknown_client_id_gets_an_error_page_and_no_redirect()
    {
        using var response = await Http.GetAsync(InstallUrl(clientId: "not-an-app"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("id=\"error\"");
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_gets_an_error_page_and_no_redirect()
    {
        using var response = await Http.GetAsync(InstallUrl(redirectUri: "https://evil.example/callback"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("redirect URL does not match");
    }

    [Fact]
    public async Task A_callback_url_registered_later_is_accepted()
    {
        Demo.App.CallbackUrls = [.. Demo.App.CallbackUrls, "http://127.0.0.1:9999/oauth/callback/hubspot"];

        using var response = await Http.GetAsync(InstallUrl(redirectUri: "http://127.0.0.1:9999/oauth/callback/hubspot"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("name=\"password\"");
    }

    [Fact]
    public async Task A_scope_the_app_does_not_configure_gets_an_error_page()
    {
        using var response = await Http.GetAsync(InstallUrl(scope: "oauth automation"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("&#x27;automation&#x27; is not configured");
    }

    [Fact]
    public async Task Cancel_on_the_consent_page_keeps_the_browser_at_hubspot_as_documented()
    {
        var outcome = await Browser.AuthorizeAsync(
            InstallUrl(),
            Demo.Admin.Email,
            DemoData.Password,
            ConsentDecision.Deny,
            cancellationToken: Cancel
        );

        outcome.Callback.ShouldBeNull();
        outcome.PageMessage.ShouldBe("You did not connect Natero Connectors (demo). You can close this window.");
    }

    [Fact]
    public async Task Cancel_can_be_switched_to_redirect_with_access_denied_and_the_state()
    {
        Emulator.Settings.DenyRedirectsToCallback = true;

        var outcome = await Browser.AuthorizeAsync(
            InstallUrl(),
            Demo.Admin.Email,
            DemoData.Password,
            ConsentDecision.Deny,
            cancellationToken: Cancel
        );

        var query = QueryOf(outcome.Callback.ShouldNotBeNull());
        query["error"].ShouldBe("access_denied");
        query["state"].ShouldBe(State);
        query.ShouldNotContainKey("code");
    }

    [Fact]
    public async Task A_user_in_two_accounts_chooses_one_and_the_token_belongs_to_it()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler);
        using var login = await browser.GetAsync(InstallUrl(), Cancel);
        var loginPage = await login.Content.ReadAsStringAsync(Cancel);
        using var loggedIn = await Post(
            browser,
            "/login",
            Req(loginPage),
            ("email", Demo.Consultant.Email),
            ("password", DemoData.Password)
        );
        using var chooser = await browser.GetAsync(new Uri(Emulator.BaseUrl, loggedIn.Headers.Location!), Cancel);
        var chooserPage = await chooser.Content.ReadAsStringAsync(Cancel);
        chooserPage.ShouldContain("id=\"portal-12345678\"");
        chooserPage.ShouldContain("id=\"portal-23456789\"");

        var pkce = Pkce.New();
        var code = await AuthorizeAsync(Demo.Consultant, pkce, hubId: Demo.Globex.HubId);
        var (_, token) = await ExchangeAsync(code, pkce);

        Number(token, "hub_id").ShouldBe(23456789);
        Number(token, "user_id").ShouldBe(Demo.Consultant.UserId);
    }

    [Fact]
    public async Task An_install_url_naming_the_account_skips_the_chooser()
    {
        var outcome = await Browser.AuthorizeAsync(
            InstallUrl(hubId: Demo.Globex.HubId),
            Demo.Consultant.Email,
            DemoData.Password,
            hubId: Demo.Acme.HubId,
            cancellationToken: Cancel
        );
        var (_, token) = await ExchangeAsync(QueryOf(outcome.Callback!)["code"]);

        Number(token, "hub_id").ShouldBe(Demo.Globex.HubId);
    }

    [Fact]
    public async Task A_user_who_cannot_grant_a_required_scope_is_refused_by_hubspot_without_a_redirect()
    {
        var outcome = await Browser.AuthorizeAsync(InstallUrl(), Demo.Limited.Email, DemoData.Password, cancellationToken: Cancel);

        outcome.Callback.ShouldBeNull();
        outcome.PageStatus.ShouldBe(403);
        outcome.PageMessage.ShouldBe("This app requires scopes that you cannot grant in Acme Demo: crm.objects.contacts.read.");
    }

    [Fact]
    public async Task An_optional_scope_the_user_cannot_grant_is_dropped_and_the_install_succeeds()
    {
        var token = await ConnectAsync(Demo.Limited, scope: "oauth", optionalScope: "crm.objects.contacts.read");

        Strings(token, "scopes").ShouldBe(["oauth"]);
    }

    [Fact]
    public async Task An_optional_scope_a_super_admin_can_grant_is_granted()
    {
        var token = await ConnectAsync(Demo.Admin, scope: "oauth", optionalScope: "crm.objects.contacts.read");

        Strings(token, "scopes").ShouldBe(["oauth", "crm.objects.contacts.read"]);
    }

    [Fact]
    public async Task A_user_without_marketplace_access_cannot_install_at_all()
    {
        Demo.Limited.Memberships[0].CanInstallApps = false;

        var outcome = await Browser.AuthorizeAsync(
            InstallUrl(scope: "oauth"),
            Demo.Limited.Email,
            DemoData.Password,
            cancellationToken: Cancel
        );

        outcome.Callback.ShouldBeNull();
        outcome.PageMessage!.ShouldContain("Super Admin or the Marketplace access permission");
    }

    [Fact]
    public async Task A_required_scope_the_account_does_not_offer_refuses_even_a_super_admin()
    {
        Demo.Acme.AvailableScopes = new HashSet<string> { "oauth" };

        var outcome = await Browser.AuthorizeAsync(InstallUrl(), Demo.Admin.Email, DemoData.Password, cancellationToken: Cancel);

        outcome.Callback.ShouldBeNull();
        outcome.PageMessage!.ShouldContain("crm.objects.contacts.read");
    }

    private static string Req(string html) => WebUtility.HtmlDecode(RequestId().Match(html).Groups[1].Value);

    private async Task<HttpResponseMessage> Post(
        HttpClient browser,
        string path,
        string requestId,
        params (string Name, string Value)[] fields
    )
    {
        using var content = new FormUrlEncodedContent([new("req", requestId), .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]);
        return await browser.PostAsync(new Uri(Emulator.BaseUrl, path), content, Cancel);
    }

    [GeneratedRegex("name=\"req\" value=\"([^\"]*)\"")]
    private static partial Regex RequestId();
}
