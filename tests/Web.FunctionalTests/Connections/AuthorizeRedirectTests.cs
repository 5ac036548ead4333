using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed partial class AuthorizeRedirectTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    [Fact]
    public async Task S4_authorize_provider_redirects_to_salesforce_with_the_configured_callback_state_and_an_s256_challenge()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Authorize", ProductionFields);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location
            .GetLeftPart(UriPartial.Path)
            .ShouldBe(new Uri(Factory.Salesforce.ProductionLoginUrl, "/services/oauth2/authorize").ToString());
        ConnectFlow.Query(location, "response_type").ShouldBe("code");
        ConnectFlow.Query(location, "client_id").ShouldBe(DemoData.ClientId);
        ConnectFlow.Query(location, "redirect_uri").ShouldBe("https://localhost/oauth/callback/salesforce");
        ConnectFlow.Query(location, "scope").ShouldBe("api refresh_token id");
        ConnectFlow.Query(location, "state").ShouldMatch("^[A-Za-z0-9_-]{43}$");
        ConnectFlow.Query(location, "code_challenge").ShouldMatch("^[A-Za-z0-9_-]{43}$");
        ConnectFlow.Query(location, "code_challenge_method").ShouldBe("S256");
        location.Query.ShouldNotContain("code_verifier");
    }

    [Fact]
    public async Task S4_the_token_request_carries_the_verifier_of_the_challenge_and_no_url_carries_the_verifier()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var authorizationUrl = await ConnectFlow.StartAsync(browser);
        var callback = await ConnectFlow.AtSalesforceAsync(authorizationUrl, SalesforceAdmin);

        using var response = await browser.GetPageAsync(callback);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var exchange = Factory.Salesforce.RequestLog.Single(r => r.Path == TokenPath);
        var verifier = exchange.Form["code_verifier"];
        verifier.ShouldMatch("^[A-Za-z0-9_-]{43}$");
        Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).ShouldBe(ConnectFlow.Query(authorizationUrl, "code_challenge"));
        exchange.Form["redirect_uri"].ShouldBe(NateroWebFactory.CallbackUrl);
        exchange.QueryString.ShouldNotContain(verifier);
        Factory.Salesforce.RequestLog.ShouldNotContain(r => r.QueryString.Contains(verifier, StringComparison.Ordinal));
        authorizationUrl.ToString().ShouldNotContain(verifier);
        callback.ShouldNotContain(verifier);
        response.Headers.Location!.OriginalString.ShouldNotContain(verifier);
    }

    [Fact]
    public async Task S2_the_binding_cookie_is_host_prefixed_http_only_secure_lax_for_the_whole_site_and_is_not_the_state()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Authorize", ProductionFields);

        var cookie = SetCookies(response).Single(c => c.StartsWith(BindingCookie + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries);
        attributes.ShouldContain("path=/");
        attributes.ShouldContain("secure");
        attributes.ShouldContain("samesite=lax");
        attributes.ShouldContain("httponly");
        attributes.ShouldNotContain(a => a.StartsWith("domain=", StringComparison.OrdinalIgnoreCase));
        var value = attributes[0][(BindingCookie.Length + 1)..];
        value.ShouldMatch("^[A-Za-z0-9_-]{43}$");
        var state = ConnectFlow.Query(response.Headers.Location!, "state");
        value.ShouldNotContain(state);
        state.ShouldNotContain(value);
    }

    [Fact]
    public async Task S5_forged_host_and_forwarded_host_headers_do_not_change_the_redirect_uri()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        token.ShouldNotBeEmpty();
        using var request = new HttpRequestMessage(HttpMethod.Post, ManageOAuth + "?handler=Authorize")
        {
            Content = new FormUrlEncodedContent([.. ProductionFields, new("__af", token)]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "http");

        using var response = await browser.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!;
        ConnectFlow.Query(location, "redirect_uri").ShouldBe("https://localhost/oauth/callback/salesforce");
        location.GetLeftPart(UriPartial.Authority).ShouldBe(Factory.Salesforce.ProductionLoginUrl.GetLeftPart(UriPartial.Authority));
        location.ToString().ShouldNotContain("evil.example");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__af\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
