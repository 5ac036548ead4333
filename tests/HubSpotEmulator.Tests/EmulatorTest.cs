using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Natero.Connectors.HubSpotEmulator.Tests;

/// <summary>
/// Each test gets its own emulator on a free loopback port and a fake clock, and drives it the way the Natero client
/// will: plain HTTP, no redirects followed, no cookies except in the browser stand-in.
/// </summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected const string RequiredScope = "oauth crm.objects.contacts.read";
    protected const string Callback = DemoData.DefaultCallbackUrl;
    protected const string State = "state-123";

    protected static readonly DateTimeOffset Start = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private HubSpotEmulatorHost? _emulator;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected HubSpotEmulatorHost Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    protected DemoData Demo => Emulator.Demo;

    protected HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    protected EmulatorBrowser Browser { get; } = new();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _emulator = await HubSpotEmulatorHost.StartAsync(new HubSpotEmulatorOptions { TimeProvider = Time }, Cancel);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Browser.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected Uri InstallUrl(
        Pkce? pkce = null,
        string? scope = RequiredScope,
        string? optionalScope = null,
        string? state = State,
        string clientId = DemoData.ClientId,
        string redirectUri = Callback,
        long? hubId = null
    )
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["optional_scope"] = optionalScope,
            ["state"] = state,
            ["code_challenge"] = pkce?.Challenge,
            ["code_challenge_method"] = pkce is null ? null : "S256",
        };
        var path = hubId is null ? Emulator.AuthorizeUrl : new Uri(Emulator.BaseUrl, $"oauth/{hubId}/authorize");
        return new Uri(QueryHelpers.AddQueryString(path.ToString(), parameters.Where(p => p.Value is not null)));
    }

    protected static IDictionary<string, string> QueryOf(Uri url) =>
        QueryHelpers.ParseQuery(url.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>Login and approve through the browser stand-in; returns the code from the callback.</summary>
    protected async Task<string> AuthorizeAsync(
        EmulatorUser? user = null,
        Pkce? pkce = null,
        string scope = RequiredScope,
        string? optionalScope = null,
        long? hubId = null
    )
    {
        var outcome = await Browser.AuthorizeAsync(
            InstallUrl(pkce, scope, optionalScope),
            (user ?? Demo.Admin).Email,
            DemoData.Password,
            hubId: hubId,
            cancellationToken: Cancel
        );
        outcome.Callback.ShouldNotBeNull(outcome.PageMessage);
        var query = QueryOf(outcome.Callback);
        query.ShouldContainKey("code", $"callback was {outcome.Callback}");
        return query["code"];
    }

    protected Task<(HttpStatusCode Status, JsonObject Body)> ExchangeAsync(
        string code,
        Pkce? pkce = null,
        string clientSecret = DemoData.ClientSecret,
        string redirectUri = Callback,
        string clientId = DemoData.ClientId
    )
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
        };
        if (pkce is not null)
        {
            form["code_verifier"] = pkce.Verifier;
        }

        return PostFormAsync(Emulator.TokenUrl, form);
    }

    protected Task<(HttpStatusCode Status, JsonObject Body)> RefreshAsync(
        string refreshToken,
        string clientSecret = DemoData.ClientSecret
    ) =>
        PostFormAsync(
            Emulator.TokenUrl,
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = DemoData.ClientId,
                ["client_secret"] = clientSecret,
                ["refresh_token"] = refreshToken,
            }
        );

    protected Task<(HttpStatusCode Status, JsonObject Body)> IntrospectAsync(
        string token,
        string? hint = null,
        string clientSecret = DemoData.ClientSecret
    ) => PostFormAsync(Emulator.IntrospectUrl, ClientForm(token, hint, clientSecret));

    protected Task<(HttpStatusCode Status, JsonObject Body)> RevokeAsync(string token, string clientSecret = DemoData.ClientSecret) =>
        PostFormAsync(Emulator.RevokeUrl, ClientForm(token, "refresh_token", clientSecret));

    /// <summary>The whole browser flow with PKCE and the code exchange; returns the successful token response.</summary>
    protected async Task<JsonObject> ConnectAsync(EmulatorUser? user = null, string scope = RequiredScope, string? optionalScope = null)
    {
        var pkce = Pkce.New();
        var code = await AuthorizeAsync(user, pkce, scope, optionalScope);
        var (status, body) = await ExchangeAsync(code, pkce);
        status.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    protected async Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(Uri url, IDictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await Http.PostAsync(url, content, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject());
    }

    protected async Task<(HttpStatusCode Status, JsonObject Body)> GetJsonAsync(string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Emulator.ApiBaseUrl, path));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        using var response = await Http.SendAsync(request, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    protected static string Field(JsonNode? json, string name) => json![name]!.GetValue<string>();

    protected static long Number(JsonNode? json, string name) => json![name]!.GetValue<long>();

    protected static string[] Strings(JsonNode? json, string name) => [.. json![name]!.AsArray().Select(s => s!.GetValue<string>())];

    private static Dictionary<string, string> ClientForm(string token, string? hint, string clientSecret)
    {
        var form = new Dictionary<string, string>
        {
            ["client_id"] = DemoData.ClientId,
            ["client_secret"] = clientSecret,
            ["token"] = token,
        };
        if (hint is not null)
        {
            form["token_type_hint"] = hint;
        }

        return form;
    }
}
