using System.Net;
using System.Text.Json;
using Natero.Connectors.IdentityProviderEmulator;

namespace Natero.Connectors.Web.FunctionalTests.Sso;

/// <summary>The emulator itself: what any OpenID Connect client finds there, and what it refuses.</summary>
public sealed class IdentityProviderEmulatorTests(NateroWebFactory factory)
{
    private IdentityProviderEmulatorHost Provider => factory.IdentityProvider;

    [Fact]
    public async Task Discovery_names_the_issuer_endpoints_and_keys_for_the_code_flow_with_pkce()
    {
        using var http = new HttpClient();

        using var discovery = JsonDocument.Parse(
            await http.GetStringAsync(new Uri(Provider.Authority, ".well-known/openid-configuration"))
        );
        var root = discovery.RootElement;

        root.GetProperty("issuer").GetString().ShouldBe(Provider.Authority.ToString());
        root.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()).ShouldContain("code");
        root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()).ShouldContain("S256");
        root.GetProperty("userinfo_endpoint").GetString().ShouldBe(new Uri(Provider.Authority, "connect/userinfo").ToString());
        using var keys = JsonDocument.Parse(await http.GetStringAsync(new Uri(root.GetProperty("jwks_uri").GetString()!)));
        keys.RootElement.GetProperty("keys").EnumerateArray().ShouldContain(k => k.GetProperty("kty").GetString() == "RSA");
    }

    [Fact]
    public async Task An_authorization_request_with_an_unregistered_redirect_uri_is_refused()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var url = new Uri(
            Provider.Authority,
            $"connect/authorize?client_id={DemoData.ClientId}&redirect_uri={Uri.EscapeDataString("https://evil.example/cb")}"
                + "&response_type=code&scope=openid"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s&nonce=n"
        );

        using var response = await http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("login_password");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_login_page_again_without_a_code()
    {
        using var browser = factory.NewBrowser();
        var flow = new SsoFlow(factory, browser);
        var authorize = await flow.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var html = await http.GetStringAsync(authorize);
        html.ShouldContain("Log in");
        var query = Microsoft
            .AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString()))
            .Append(new("login_email", DemoData.Alice))
            .Append(new("login_password", "wrong"));
        using var content = new FormUrlEncodedContent(query);

        using var response = await http.PostAsync(new Uri(Provider.Authority, "connect/authorize"), content);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The email or password is not right.");
    }
}
