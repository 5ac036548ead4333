using System.Net;
using System.Text.RegularExpressions;

namespace Natero.Connectors.ZendeskEmulator.Tests;

public sealed partial class AuthorizationFlowTests : EmulatorTest
{
    [Fact]
    public async Task Sign_in_and_allow_over_real_http_redirect_with_a_code_and_the_state()
    {
        using var cookies = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var pkce = Pkce.New();

        using var loginPage = await cookies.GetAsync(AuthorizeUrl(Demo.Acme, pkce, state: "s+/ =&x"), Cancel);
        loginPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var loginHtml = await loginPage.Content.ReadAsStringAsync(Cancel);
        loginHtml.ShouldContain("name=\"email\"");
        loginHtml.ShouldContain("name=\"password\"");
        loginHtml.ShouldContain("id=\"login\"");

        using var signedIn = await PostAsync(
            cookies,
            "/access/login",
            new()
            {
                ["req"] = RequestId(loginHtml),
                ["email"] = "admin@acme-zendesk.example",
                ["password"] = DemoData.Password,
            }
        );
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Found);

        using var consentPage = await cookies.GetAsync(new Uri(Demo.Acme.BaseUrl, signedIn.Headers.Location!), Cancel);
        var consentHtml = await consentPage.Content.ReadAsStringAsync(Cancel);
        consentHtml.ShouldContain("id=\"allow\"");
        consentHtml.ShouldContain("id=\"deny\"");

        using var allowed = await PostAsync(
            cookies,
            "/oauth/authorizations",
            new() { ["req"] = RequestId(consentHtml), ["decision"] = "allow" }
        );
        allowed.StatusCode.ShouldBe(HttpStatusCode.Found);
        var redirect = allowed.Headers.Location!;
        redirect.GetLeftPart(UriPartial.Path).ShouldBe(Callback);
        var query = QueryOf(redirect);
        query["state"].ShouldBe("s+/ =&x");

        var (status, token) = await ExchangeAsync(query["code"], pkce);
        status.ShouldBe(HttpStatusCode.Created);
        Field(token, "token_type").ShouldBe("bearer");
    }

    [Fact]
    public async Task Deny_redirects_with_access_denied_and_the_state()
    {
        var redirect = await Browser.AuthorizeAsync(
            AuthorizeUrl(Demo.Acme, Pkce.New(), state: "xyz"),
            Demo.Admin.Email,
            DemoData.Password,
            ConsentDecision.Deny,
            Cancel
        );

        redirect.OriginalString.ShouldBe(
            $"{Callback}?error=access_denied&error_description=The+end-user+or+authorization+server+denied+the+request&state=xyz"
        );
    }

    [Fact]
    public async Task Unknown_client_shows_an_error_page_instead_of_redirecting()
    {
        using var response = await Http.GetAsync(AuthorizeUrl(Demo.Acme, Pkce.New(), clientId: "nobody"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("invalid_client");
    }

    [Fact]
    public async Task Unregistered_redirect_uri_shows_an_error_page_instead_of_redirecting()
    {
        using var response = await Http.GetAsync(AuthorizeUrl(Demo.Acme, Pkce.New(), redirectUri: "https://evil.example/cb"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("invalid_redirect_uri");
    }

    [Fact]
    public async Task A_client_of_acme_does_not_exist_on_globex()
    {
        using var response = await Http.GetAsync(AuthorizeUrl(Demo.Globex, Pkce.New()), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync(Cancel)).ShouldContain("invalid_client");
    }

    [Fact]
    public async Task A_global_client_works_on_globex()
    {
        var token = await ConnectAsync(Demo.GlobexAdmin, DemoData.GlobalClientId, DemoData.GlobalClientSecret);

        var (status, me) = await SendAsync(HttpMethod.Get, Demo.Globex, "/api/v2/users/me.json", Field(token, "access_token"));
        status.ShouldBe(HttpStatusCode.OK);
        Field(me["user"], "email").ShouldBe("admin@globex-zendesk.example");
    }

    [Fact]
    public async Task A_user_of_globex_cannot_sign_in_on_acme()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            Browser.AuthorizeAsync(
                AuthorizeUrl(Demo.Acme, Pkce.New()),
                Demo.GlobexAdmin.Email,
                DemoData.Password,
                cancellationToken: Cancel
            )
        );

        error.Message.ShouldContain("Invalid email or password.");
    }

    [Fact]
    public async Task A_suspended_user_cannot_sign_in()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            Browser.AuthorizeAsync(
                AuthorizeUrl(Demo.Acme, Pkce.New()),
                Demo.SuspendedUser.Email,
                DemoData.Password,
                cancellationToken: Cancel
            )
        );

        error.Message.ShouldContain("Invalid email or password.");
    }

    [Fact]
    public async Task Unknown_scope_redirects_with_invalid_scope()
    {
        using var response = await Http.GetAsync(AuthorizeUrl(Demo.Acme, Pkce.New(), scope: "everything"), Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        QueryOf(response.Headers.Location!)["error"].ShouldBe("invalid_scope");
    }

    [Fact]
    public async Task Second_authorize_on_the_same_account_skips_the_password()
    {
        await ConnectAsync();

        var redirect = await Browser.AuthorizeAsync(AuthorizeUrl(Demo.Acme, Pkce.New()), "ignored", "ignored", cancellationToken: Cancel);

        QueryOf(redirect).ShouldContainKey("code");
        Emulator.RequestLog.Count(r => r.Path == "/access/login").ShouldBe(1);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(Demo.Acme.BaseUrl, path), content, Cancel);
    }

    private static string RequestId(string html) => WebUtility.HtmlDecode(RequestIdField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"req\" value=\"([^\"]*)\"")]
    private static partial Regex RequestIdField();
}
