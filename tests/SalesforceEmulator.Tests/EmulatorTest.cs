using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Natero.Connectors.SalesforceEmulator.Tests;

/// <summary>
/// Each test gets its own emulator on free loopback ports and a fake clock, and drives it the way the
/// Natero client will: plain HTTP, no redirects followed, no cookies except in the browser stand-in.
/// </summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected const string DefaultScope = "api refresh_token id";
    protected const string Callback = DemoData.DefaultCallbackUrl;

    protected static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private SalesforceEmulatorHost? _emulator;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected SalesforceEmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    protected DemoData Demo => Emulator.Demo;

    protected HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    protected EmulatorBrowser Browser { get; } = new();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _emulator = await SalesforceEmulatorHost.StartAsync(
            new SalesforceEmulatorOptions { TimeProvider = Time, MyDomainHosts = 10 },
            Cancel
        );

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Browser.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    protected static Uri AuthorizeUrl(
        Uri login,
        Pkce? pkce,
        string? scope = DefaultScope,
        string? state = "state-123",
        string? prompt = null,
        string clientId = DemoData.ClientId,
        string redirectUri = Callback
    )
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = pkce?.Challenge,
            ["code_challenge_method"] = pkce is null ? null : "S256",
            ["prompt"] = prompt,
        };
        return new Uri(
            QueryHelpers.AddQueryString(new Uri(login, "/services/oauth2/authorize").ToString(), parameters.Where(p => p.Value is not null))
        );
    }

    protected static IDictionary<string, string> QueryOf(Uri url) =>
        QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Login and Allow through the browser stand-in; returns the code from the callback.</summary>
    protected async Task<string> AuthorizeAsync(EmulatorUser user, Pkce pkce, string scope = DefaultScope, Uri? login = null)
    {
        var callback = await Browser.AuthorizeAsync(
            AuthorizeUrl(login ?? Emulator.BaseUrl, pkce, scope),
            user.Username,
            DemoData.Password,
            cancellationToken: Cancel
        );
        var query = QueryOf(callback);
        query.ShouldContainKey("code", $"callback was {callback}");
        return query["code"];
    }

    protected async Task<(HttpStatusCode Status, JsonObject Body)> ExchangeAsync(
        string code,
        Pkce pkce,
        Uri? login = null,
        string? clientSecret = DemoData.ClientSecret,
        string redirectUri = Callback
    )
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = DemoData.ClientId,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = pkce.Verifier,
        };
        if (clientSecret is not null)
        {
            form["client_secret"] = clientSecret;
        }

        return await PostFormAsync(new Uri(login ?? Emulator.BaseUrl, "/services/oauth2/token"), form);
    }

    protected Task<(HttpStatusCode Status, JsonObject Body)> RefreshAsync(string refreshToken, Uri? login = null) =>
        PostFormAsync(
            new Uri(login ?? Emulator.BaseUrl, "/services/oauth2/token"),
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = DemoData.ClientSecret,
            }
        );

    /// <summary>The whole browser flow and code exchange; returns the successful token response.</summary>
    protected async Task<JsonObject> ConnectAsync(EmulatorUser? user = null, string scope = DefaultScope, Uri? login = null)
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(user ?? Demo.Admin, pkce, scope, login);
        var (status, body) = await ExchangeAsync(code, pkce, login);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>The browser flow for another person, in a fresh browser without anyone's login cookie; returns where it ends.</summary>
    protected async Task<Uri> AuthorizeInNewBrowserAsync(EmulatorUser user, Pkce? pkce = null)
    {
        using var browser = new EmulatorBrowser();
        return await browser.AuthorizeAsync(
            AuthorizeUrl(Emulator.BaseUrl, pkce ?? Pkce.New()),
            user.Username,
            DemoData.Password,
            cancellationToken: Cancel
        );
    }

    /// <summary><see cref="ConnectAsync"/> in a fresh browser, for tests that connect more than one person.</summary>
    protected async Task<JsonObject> ConnectInNewBrowserAsync(EmulatorUser user)
    {
        var pkce = Pkce.New();
        var callback = await AuthorizeInNewBrowserAsync(user, pkce);
        QueryOf(callback).ShouldContainKey("code", $"callback was {callback}");
        var (status, body) = await ExchangeAsync(QueryOf(callback)["code"], pkce);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    protected static void ShouldBeOAuthError(JsonObject body, string error, string description)
    {
        Field(body, "error").ShouldBe(error);
        Field(body, "error_description").ShouldBe(description);
    }

    protected async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(Uri url, IDictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await Http.PostAsync(url, content, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    protected async Task<HttpResponseMessage> GetAsync(string url, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        return await Http.SendAsync(request, Cancel);
    }

    protected async Task<(HttpStatusCode Status, JsonNode? Body)> GetJsonAsync(string url, string? accessToken)
    {
        using var response = await GetAsync(url, accessToken);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    protected static string Rest(JsonObject token, string path = "/services/data/v62.0/") =>
        token["instance_url"]!.GetValue<string>() + path;

    protected static string Field(JsonNode? json, string name) => json![name]!.GetValue<string>();
}
