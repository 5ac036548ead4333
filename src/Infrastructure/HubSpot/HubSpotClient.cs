using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>
/// HubSpot's v3 OAuth endpoints and the two API calls a connection needs, over a typed HttpClient behind the standard
/// resilience handler: GETs retried, POSTs sent once. Every secret travels in a form body, never in a URL (HubSpot
/// deprecates its v1 endpoints for exactly that). Messages describe what went wrong in words and never carry a
/// token, code or secret.
/// </summary>
internal sealed partial class HubSpotClient(HttpClient http, IOptions<HubSpotOptions> options, ILogger<HubSpotClient> logger)
{
    private readonly HubSpotOptions _options = options.Value;

    private Uri ApiBase => new(_options.ApiBaseUrl.TrimEnd('/') + "/");

    /// <summary>POST {TokenUrl} with grant_type=authorization_code; sent once, never retried (a code is single-use).</summary>
    public Task<Result<HubSpotToken>> ExchangeCodeAsync(string code, string codeVerifier, CancellationToken cancellationToken) =>
        PostTokenAsync(
            [
                new("grant_type", "authorization_code"),
                new("client_id", _options.ClientId!),
                new("client_secret", _options.ClientSecret!),
                new("redirect_uri", _options.CallbackUrl!),
                new("code", code),
                new("code_verifier", codeVerifier),
            ],
            refreshing: false,
            cancellationToken
        );

    /// <summary>POST {TokenUrl} with grant_type=refresh_token; never retried.</summary>
    public Task<Result<HubSpotToken>> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostTokenAsync(
            [
                new("grant_type", "refresh_token"),
                new("client_id", _options.ClientId!),
                new("client_secret", _options.ClientSecret!),
                new("refresh_token", refreshToken),
            ],
            refreshing: true,
            cancellationToken
        );

    /// <summary>POST {ApiBaseUrl}/oauth/v3/token/introspect: the portal and the user behind an access token.</summary>
    public async Task<Result<HubSpotTokenInfo>> IntrospectAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiBase, "oauth/v3/token/introspect"))
        {
            Content = new FormUrlEncodedContent([
                new("client_id", _options.ClientId!),
                new("client_secret", _options.ClientSecret!),
                new("token", accessToken),
                new("token_type_hint", "access_token"),
            ]),
        };
        var answer = await SendAsync(request, "introspect", cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Error!;
        }

        using var response = answer.Value;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var json = Parse(body);
        var root = json?.RootElement;
        if (response.StatusCode != HttpStatusCode.OK || root is not { ValueKind: JsonValueKind.Object } info)
        {
            return Failure(
                "hubspot_introspect_failed",
                $"HubSpot could not say which portal the new token is for (HTTP {(int)response.StatusCode}{Detail(root)}). "
                    + "Nothing was connected; try again."
            );
        }

        if (!Bool(info, "active"))
        {
            return Failure("hubspot_token_inactive", "HubSpot says the access token it just issued is not active. Nothing was connected.");
        }

        var hubId = Text(info, "hub_id");
        var userId = Text(info, "user_id");
        if (hubId is null || userId is null)
        {
            return Failure(
                "hubspot_incomplete_response",
                "HubSpot's description of the token named no portal or no user. Nothing was connected; try again."
            );
        }

        return new HubSpotTokenInfo(hubId, Text(info, "hub_domain"), userId, Text(info, "user"), Text(info, "client_id"), Scopes(info));
    }

    /// <summary>POST {ApiBaseUrl}/oauth/v3/token/revoke. A token HubSpot no longer knows is as good as revoked.</summary>
    public async Task<Result> RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ApiBase, "oauth/v3/token/revoke"))
        {
            Content = new FormUrlEncodedContent([
                new("client_id", _options.ClientId!),
                new("client_secret", _options.ClientSecret!),
                new("token", token),
                new("token_type_hint", tokenTypeHint),
            ]),
        };
        var answer = await SendAsync(request, "revoke", cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Error!;
        }

        using var response = answer.Value;
        if (response.IsSuccessStatusCode)
        {
            return Result.Success();
        }

        using var json = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var error = HubSpotOAuthError.From(json?.RootElement);
        return error.IsInvalidGrant
            ? Result.Success()
            : Failure("hubspot_revoke_failed", $"HubSpot did not confirm the revocation (HTTP {(int)response.StatusCode}{error.Words}).");
    }

    /// <summary>GET {api}/crm/v3/objects/contacts?limit=1: proves the token can read the CRM.</summary>
    public async Task<HubSpotProbe> ProbeContactsAsync(Uri apiBase, string accessToken, CancellationToken cancellationToken)
    {
        using var request = Get(new Uri(WithSlash(apiBase), "crm/v3/objects/contacts?limit=1"), accessToken);
        var answer = await SendAsync(request, "contacts", cancellationToken);
        if (!answer.IsSuccess)
        {
            return new HubSpotProbe(0, null, answer.Error!.Message, [], answer.Error.Code);
        }

        using var response = answer.Value;
        if (response.IsSuccessStatusCode)
        {
            return new HubSpotProbe((int)response.StatusCode, null, null, []);
        }

        // {"status": "error", "message": ..., "category": "MISSING_SCOPES", "errors": [{"context": {"requiredGranularScopes": [...]}}]}
        using var json = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json?.RootElement;
        var body = root is { ValueKind: JsonValueKind.Object } o ? o : default;
        return new HubSpotProbe(
            (int)response.StatusCode,
            body.ValueKind == JsonValueKind.Object ? Text(body, "category") : null,
            body.ValueKind == JsonValueKind.Object ? Text(body, "message") : null,
            body.ValueKind == JsonValueKind.Object ? RequiredScopes(body) : []
        );
    }

    /// <summary>
    /// GET {api}/account-info/v3/details for the account type, and introspection for the portal's domain; whatever could
    /// not be read stays unknown. HubSpot reports no daily allowance for public apps.
    /// </summary>
    public async Task<AccountReadiness> DescribeAccountAsync(Uri apiBase, string accessToken, CancellationToken cancellationToken)
    {
        string? edition = null;
        using (var request = Get(new Uri(WithSlash(apiBase), "account-info/v3/details"), accessToken))
        {
            var answer = await SendAsync(request, "account details", cancellationToken);
            if (answer.IsSuccess)
            {
                using var response = answer.Value;
                using var json = response.IsSuccessStatusCode ? Parse(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
                edition = json?.RootElement is { ValueKind: JsonValueKind.Object } details ? Text(details, "accountType") : null;
            }
        }

        var info = await IntrospectAsync(accessToken, cancellationToken);
        var name = info.IsSuccess ? info.Value.HubDomain : null;
        return new AccountReadiness(name, edition, null, null);
    }

    private async Task<Result<HubSpotToken>> PostTokenAsync(
        KeyValuePair<string, string>[] fields,
        bool refreshing,
        CancellationToken cancellationToken
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.TokenUrl))
        {
            Content = new FormUrlEncodedContent(fields),
        };
        var answer = await SendAsync(request, refreshing ? "refresh" : "token", cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Error!;
        }

        using var response = answer.Value;
        using var json = Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json?.RootElement;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var error = HubSpotOAuthError.From(root);
            return refreshing
                ? HubSpotWords.RefreshError(error, (int)response.StatusCode)
                : HubSpotWords.TokenError(error, (int)response.StatusCode);
        }

        if (root is not { ValueKind: JsonValueKind.Object } token)
        {
            return Failure(
                "hubspot_bad_response",
                "HubSpot's token endpoint answered with something that is not JSON. Nothing was changed; try again."
            );
        }

        var accessToken = Text(token, "access_token");
        if (accessToken is null)
        {
            return Failure("hubspot_incomplete_response", "HubSpot's token answer lacked access_token. Nothing was changed; try again.");
        }

        var expiresIn =
            token.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var s)
                ? s
                : (int?)null;
        return new HubSpotToken(
            accessToken,
            Text(token, "refresh_token"),
            expiresIn,
            Text(token, "hub_id"),
            Text(token, "user_id"),
            Scopes(token)
        );
    }

    private async Task<Result<HttpResponseMessage>> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        var host = request.RequestUri!.Host;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            // Timeouts, retries and the circuit breaker live in the resilience pipeline (see HubSpotRegistration).
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            LogCall(logger, what, host, (int)response.StatusCode);
            return response;
        }
        catch (Exception ex) when (HubSpotFailures.Describe(ex, host, _options.Timeout, cancellationToken) is { } failure)
        {
            LogFailed(logger, what, host, failure.Reason);
            return failure.Error;
        }
    }

    private static HttpRequestMessage Get(Uri url, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    private static Uri WithSlash(Uri apiBase) => apiBase.AbsoluteUri.EndsWith('/') ? apiBase : new Uri(apiBase.AbsoluteUri + "/");

    private static JsonDocument? Parse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string, or a number as HubSpot sends ids (hub_id 12345678), in invariant digits.</summary>
    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String when !string.IsNullOrWhiteSpace(value.GetString()) => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary><c>scopes</c> as a JSON array (v3) or a space-separated string.</summary>
    private static string[] Scopes(JsonElement element) =>
        !element.TryGetProperty("scopes", out var scopes) ? []
        : scopes.ValueKind == JsonValueKind.Array
            ? [.. scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!)]
        : scopes.ValueKind == JsonValueKind.String ? scopes.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        : [];

    /// <summary>The scopes a 403 MISSING_SCOPES names: <c>requiredGranularScopes</c>, or <c>requiredScopes</c> in older bodies.</summary>
    private static string[] RequiredScopes(JsonElement body)
    {
        if (!body.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return
        [
            .. errors
                .EnumerateArray()
                .Where(e =>
                    e.ValueKind == JsonValueKind.Object && e.TryGetProperty("context", out var c) && c.ValueKind == JsonValueKind.Object
                )
                .SelectMany(e =>
                {
                    var context = e.GetProperty("context");
                    return context.TryGetProperty("requiredGranularScopes", out var granular) && granular.ValueKind == JsonValueKind.Array
                            ? granular.EnumerateArray()
                        : context.TryGetProperty("requiredScopes", out var required) && required.ValueKind == JsonValueKind.Array
                            ? required.EnumerateArray()
                        : Enumerable.Empty<JsonElement>();
                })
                .Where(s => s.ValueKind == JsonValueKind.String)
                .Select(s => s.GetString()!)
                .Distinct(StringComparer.Ordinal),
        ];
    }

    private static string Detail(JsonElement? root) =>
        root is { ValueKind: JsonValueKind.Object } body && Text(body, "message") is { } message
            ? ": " + HubSpotWords.Clip(message)
            : string.Empty;

    private static Error Failure(string code, string message) => new(ErrorKind.Failure, code, message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HubSpot {Call} call to {Host} answered {Status}")]
    private static partial void LogCall(ILogger logger, string call, string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot {Call} call to {Host} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string call, string host, string reason);
}
