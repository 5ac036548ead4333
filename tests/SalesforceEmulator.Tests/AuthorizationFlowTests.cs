using System.Net;
using System.Text.RegularExpressions;

namespace Natero.Connectors.SalesforceEmulator.Tests;

public sealed partial class AuthorizationFlowTests : EmulatorTest
{
    [Fact]
    public async Task Full_code_flow_reaches_identity_and_rest_through_the_returned_urls()
    {
        var pkce = Pkce.New();
        using var cookies = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var loginPage = await cookies.GetAsync(AuthorizeUrl(Emulator.BaseUrl, pkce, state: "s+/ =&x"), Cancel);
        loginPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var loginHtml = await loginPage.Content.ReadAsStringAsync(Cancel);
        loginHtml.ShouldContain("<label for=\"username\">Username</label>");
        loginHtml.ShouldContain("<label for=\"password\">Password</label>");
        loginHtml.ShouldContain(">Log In</button>");

        using var loggedIn = await PostAsync(
            cookies,
            new Uri(Emulator.BaseUrl, "/login"),
            new()
            {
                ["req"] = RequestId(loginHtml),
                ["username"] = "admin@acme.example",
                ["pw"] = DemoData.Password,
            }
        );
        loggedIn.StatusCode.ShouldBe(HttpStatusCode.Found);

        using var consentPage = await cookies.GetAsync(new Uri(Emulator.BaseUrl, loggedIn.Headers.Location!), Cancel);
        var consentHtml = await consentPage.Content.ReadAsStringAsync(Cancel);
        consentHtml.ShouldContain(">Allow</button>");
        consentHtml.ShouldContain(">Deny</button>");

        using var allowed = await PostAsync(
            cookies,
            new Uri(Emulator.BaseUrl, "/setup/secur/RemoteAccessAuthorizationPage.apexp"),
            new() { ["req"] = RequestId(consentHtml), ["decision"] = "allow" }
        );
        allowed.StatusCode.ShouldBe(HttpStatusCode.Found);
        var callback = allowed.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).ShouldBe(Callback);
        callback.OriginalString.ShouldContain("%3D%3D&state=");
        var query = QueryOf(callback);
        query["state"].ShouldBe("s+/ =&x");
        query["code"].ShouldEndWith("==");

        var (status, token) = await ExchangeAsync(query["code"], pkce);
        status.ShouldBe(HttpStatusCode.OK);

        var (identityStatus, identity) = await GetJsonAsync(Field(token, "id"), Field(token, "access_token"));
        identityStatus.ShouldBe(HttpStatusCode.OK);
        Field(identity, "username").ShouldBe("admin@acme.example");

        using var probe = await GetAsync(Rest(token), Field(token, "access_token"));
        probe.StatusCode.ShouldBe(HttpStatusCode.OK);
        probe.Headers.GetValues("Sforce-Limit-Info").Single().ShouldBe("api-usage=1/15000");
    }

    [Fact]
    public async Task Deny_redirects_with_access_denied_and_the_state()
    {
        var callback = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New(), state: "xyz"),
            Demo.Admin.Username,
            DemoData.Password,
            ConsentDecision.Deny,
            Cancel
        );

        callback.OriginalString.ShouldBe($"{Callback}?error=access_denied&error_description=end-user+denied+authorization&state=xyz");
    }

    [Fact]
    public async Task Unknown_client_id_shows_an_error_page_instead_of_redirecting()
    {
        using var response = await Http.GetAsync(AuthorizeUrl(Emulator.BaseUrl, Pkce.New(), clientId: "nobody"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("invalid_client_id");
    }

    [Fact]
    public async Task Unregistered_redirect_uri_shows_an_error_page_instead_of_redirecting()
    {
        using var response = await Http.GetAsync(AuthorizeUrl(Emulator.BaseUrl, Pkce.New(), redirectUri: Callback + "/"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("redirect_uri_mismatch");
    }

    [Fact]
    public async Task Second_authorize_skips_the_password_and_the_allow_page()
    {
        await ConnectAsync();

        var callback = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New()),
            "ignored",
            "ignored",
            cancellationToken: Cancel
        );

        QueryOf(callback).ShouldContainKey("code");
        Emulator.RequestLog.Count(r => r.Path == "/login").ShouldBe(1);
    }

    [Fact]
    public async Task Prompt_login_asks_for_the_password_again()
    {
        await ConnectAsync();

        await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New(), prompt: "login"),
            Demo.Admin.Username,
            DemoData.Password,
            cancellationToken: Cancel
        );

        Emulator.RequestLog.Count(r => r.Path == "/login").ShouldBe(2);
    }

    [Fact]
    public async Task Prompt_consent_shows_the_allow_page_again()
    {
        await ConnectAsync();

        var callback = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New(), prompt: "consent"),
            "ignored",
            "ignored",
            ConsentDecision.Deny,
            Cancel
        );

        QueryOf(callback)["error"].ShouldBe("access_denied");
    }

    [Fact]
    public async Task AlwaysAskForConsent_shows_the_allow_page_after_an_approval()
    {
        await ConnectAsync();
        Emulator.Settings.AlwaysAskForConsent = true;

        var callback = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New()),
            "ignored",
            "ignored",
            ConsentDecision.Deny,
            Cancel
        );

        QueryOf(callback)["error"].ShouldBe("access_denied");
    }

    [Fact]
    public async Task Wrong_password_is_refused_on_the_login_page()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            Browser.AuthorizeAsync(AuthorizeUrl(Emulator.BaseUrl, Pkce.New()), Demo.Admin.Username, "wrong", cancellationToken: Cancel)
        );

        error.Message.ShouldContain("Please check your username and password");
    }

    [Fact]
    public async Task Sandbox_users_log_in_only_through_the_sandbox_login_host()
    {
        await Should.ThrowAsync<InvalidOperationException>(() =>
            Browser.AuthorizeAsync(
                AuthorizeUrl(Emulator.ProductionLoginUrl, Pkce.New()),
                Demo.SandboxAdmin.Username,
                DemoData.Password,
                cancellationToken: Cancel
            )
        );

        var token = await ConnectAsync(Demo.SandboxAdmin, login: Emulator.SandboxLoginUrl);

        Field(token, "instance_url").ShouldBe(Origin(Demo.AcmeSandbox.MyDomainUrl));
        new Uri(Field(token, "id")).Host.ShouldBe("127.0.0.4");
    }

    [Fact]
    public async Task My_Domain_host_logs_in_its_own_users_only()
    {
        var token = await ConnectAsync(Demo.Admin, login: Demo.Acme.MyDomainUrl);
        Field(token, "instance_url").ShouldBe(Origin(Demo.Acme.MyDomainUrl));

        using var other = new EmulatorBrowser();
        await Should.ThrowAsync<InvalidOperationException>(() =>
            other.AuthorizeAsync(
                AuthorizeUrl(Demo.Globex.MyDomainUrl, Pkce.New()),
                Demo.Admin.Username,
                DemoData.Password,
                cancellationToken: Cancel
            )
        );
    }

    [Fact]
    public async Task Authorize_without_a_code_challenge_is_refused_when_the_app_requires_PKCE()
    {
        using var response = await Http.GetAsync(AuthorizeUrl(Emulator.BaseUrl, pkce: null), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        var query = QueryOf(response.Headers.Location!);
        query["error"].ShouldBe("invalid_request");
        query["state"].ShouldBe("state-123");
    }

    [Fact]
    public async Task Scope_the_app_does_not_offer_is_invalid_scope()
    {
        using var response = await Http.GetAsync(AuthorizeUrl(Emulator.BaseUrl, Pkce.New(), scope: "api chatter_api"), Cancel);

        QueryOf(response.Headers.Location!)["error"].ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task Blocked_app_redirects_with_OAUTH_APP_BLOCKED()
    {
        Demo.App.Blocked = true;

        var callback = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New()),
            Demo.Admin.Username,
            DemoData.Password,
            cancellationToken: Cancel
        );

        QueryOf(callback)["error"].ShouldBe("OAUTH_APP_BLOCKED");
    }

    [Fact]
    public async Task Admin_approved_only_app_admits_pre_authorized_users_only()
    {
        Demo.App.AdminApprovedUsersOnly = true;
        var refused = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New()),
            Demo.Admin.Username,
            DemoData.Password,
            cancellationToken: Cancel
        );
        QueryOf(refused)["error"].ShouldBe("OAUTH_APP_ACCESS_DENIED");

        Demo.App.PreAuthorize(Demo.Admin);
        var admitted = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New()),
            Demo.Admin.Username,
            DemoData.Password,
            ConsentDecision.Deny,
            Cancel
        );

        // A pre-authorized user is never asked, so the Deny the browser would click never comes.
        QueryOf(admitted).ShouldContainKey("code");
    }

    [Fact]
    public async Task Inactive_user_and_inactive_org_are_redirected_with_their_errors()
    {
        Demo.NoApiUser.Active = false;
        var user = await Browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New()),
            Demo.NoApiUser.Username,
            DemoData.Password,
            cancellationToken: Cancel
        );
        QueryOf(user)["error"].ShouldBe("inactive_user");

        Demo.Globex.Active = false;
        using var other = new EmulatorBrowser();
        var org = await other.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, Pkce.New()),
            Demo.GlobexAdmin.Username,
            DemoData.Password,
            cancellationToken: Cancel
        );
        QueryOf(org)["error"].ShouldBe("inactive_org");
    }

    [Fact]
    public async Task Injected_authorize_error_is_redirected_to_the_callback_once()
    {
        Emulator.Faults.Inject(EmulatorEndpoint.Authorize, Fault.AuthorizeError("rate_limit_exceeded", "rate limit exceeded"));

        using var limited = await Http.GetAsync(AuthorizeUrl(Emulator.BaseUrl, Pkce.New()), Cancel);
        using var next = await Http.GetAsync(AuthorizeUrl(Emulator.BaseUrl, Pkce.New()), Cancel);

        limited.Headers.Location!.OriginalString.ShouldBe(
            $"{Callback}?error=rate_limit_exceeded&error_description=rate+limit+exceeded&state=state-123"
        );
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Immediate_without_a_login_session_is_immediate_unsuccessful()
    {
        using var response = await Http.GetAsync(new Uri(AuthorizeUrl(Emulator.BaseUrl, Pkce.New()) + "&immediate=true"), Cancel);

        QueryOf(response.Headers.Location!)["error"].ShouldBe("immediate_unsuccessful");
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri url, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(url, content, Cancel);
    }

    private static string RequestId(string html) => RequestIdField().Match(html).Groups[1].Value;

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);

    [GeneratedRegex("name=\"req\" value=\"([^\"]+)\"")]
    private static partial Regex RequestIdField();
}
