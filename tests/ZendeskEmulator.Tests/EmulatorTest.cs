using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Natero.Connectors.ZendeskEmulator.Tests;

/// <summary>
/// Each test gets its own emulator on free loopback ports and a fake clock, and drives it the way the Natero
/// client will: plain HTTP, no redirects followed, cookies only in the browser stand-in.
/// </summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected const string Callback = DemoData.DefaultCallbackUrl;

    protected static readonly DateTimeOffset Start = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private ZendeskEmulatorHost? _emulator;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected ZendeskEmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    protected DemoData Demo => Emulator.Demo;

    protected HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    protected EmulatorBrowser Browser { get; } = new();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _emulator = await ZendeskEmulatorHost.StartAsync(new ZendeskEmulatorOptions { TimeProvider = Time, AccountPorts = 3 }, Cancel);

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
        ZendeskAccount account,
        Pkce? pkce,
        string clientId = DemoData.ClientId,
        string? scope = "read",
        string? state = "state-123",
        string? redirectUri = Callback
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
        };
        return new Uri(
            QueryHelpers.AddQueryString(
                new Uri(account.BaseUrl, "/oauth/authorizations/new").ToString(),
                parameters.Where(p => p.Value is not null)
            )
        );
    }

    protected static IDictionary<string, string> QueryOf(Uri url) =>
        QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Sign in and Allow through the browser stand-in; returns the code from the redirect.</summary>
    protected async Task<string> AuthorizeAsync(
        ZendeskUser user,
        Pkce? pkce,
        string clientId = DemoData.ClientId,
        string scope = "read",
        ZendeskAccount? account = null
    )
    {
        var redirect = await Browser.AuthorizeAsync(
            AuthorizeUrl(account ?? user.Account, pkce, clientId, scope),
            user.Email,
            DemoData.Password,
            cancellationToken: Cancel
        );
        var query = QueryOf(redirect);
        query.ShouldContainKey("code", $"redirect was {redirect}");
        return query["code"];
    }

    protected Task<(HttpStatusCode Status, JsonObject Body)> ExchangeAsync(
        string code,
        Pkce? pkce,
        string clientId = DemoData.ClientId,
        string? secret = DemoData.ClientSecret,
        ZendeskAccount? account = null,
        IDictionary<string, object>? extra = null
    )
    {
        var body = new Dictionary<string, object>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = clientId,
            ["redirect_uri"] = Callback,
            ["scope"] = "read",
        };
        if (secret is not null)
        {
            body["client_secret"] = secret;
        }

        if (pkce is not null)
        {
            body["code_verifier"] = pkce.Verifier;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, object>())
        {
            body[name] = value;
        }

        return PostJsonAsync(account ?? Demo.Acme, body);
    }

    protected Task<(HttpStatusCode Status, JsonObject Body)> RefreshAsync(
        string refreshToken,
        string clientId = DemoData.ClientId,
        string secret = DemoData.ClientSecret
    ) =>
        PostJsonAsync(
            Demo.Acme,
            new Dictionary<string, object>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }
        );

    /// <summary>The whole browser flow and code exchange with PKCE; returns the successful token response.</summary>
    protected async Task<JsonObject> ConnectAsync(
        ZendeskUser? user = null,
        string clientId = DemoData.ClientId,
        string secret = DemoData.ClientSecret,
        string scope = "read"
    )
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(user ?? Demo.Admin, pkce, clientId, scope);
        var (status, body) = await ExchangeAsync(code, pkce, clientId, secret, (user ?? Demo.Admin).Account);
        status.ShouldBe(HttpStatusCode.Created, body.ToJsonString());
        return body;
    }

    protected async Task<(HttpStatusCode Status, JsonObject Body)> PostJsonAsync(ZendeskAccount account, IDictionary<string, object> body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(account.BaseUrl, "/oauth/tokens"), body, Cancel);
        return (response.StatusCode, await ReadObject(response));
    }

    protected async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(ZendeskAccount account, IDictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await Http.PostAsync(new Uri(account.BaseUrl, "/oauth/tokens"), content, Cancel);
        return (response.StatusCode, await ReadObject(response));
    }

    protected async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(
        HttpMethod method,
        ZendeskAccount account,
        string path,
        string? accessToken
    )
    {
        using var request = new HttpRequestMessage(method, new Uri(account.BaseUrl, path));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        using var response = await Http.SendAsync(request, Cancel);
        return (response.StatusCode, await ReadObject(response));
    }

    protected static string Field(JsonNode? json, string name) => json![name]!.GetValue<string>();

    private static async Task<JsonObject> ReadObject(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }
}
