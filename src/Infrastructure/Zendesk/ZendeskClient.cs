using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>
/// Zendesk over a typed HttpClient behind the standard resilience handler: GETs retried, POSTs and DELETEs sent once,
/// a breaker per account host, attempt and total timeouts. Messages say what went wrong in words and never carry a
/// token, code or secret.
/// </summary>
internal sealed partial class ZendeskClient(HttpClient http, IOptions<ZendeskOptions> options, ILogger<ZendeskClient> logger)
    : IZendeskClient
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    private readonly ZendeskOptions _options = options.Value;

    public Task<Result<ZendeskToken>> ExchangeCodeAsync(
        Uri baseUrl,
        string code,
        string codeVerifier,
        CancellationToken cancellationToken
    ) =>
        PostTokenAsync(
            baseUrl,
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["client_id"] = _options.ClientId!,
                ["client_secret"] = _options.ClientSecret!,
                ["redirect_uri"] = _options.CallbackUrl!,
                ["code_verifier"] = codeVerifier,
                ["scope"] = _options.Scopes,
            },
            cancellationToken
        );

    public Task<Result<ZendeskToken>> RefreshAsync(Uri baseUrl, string refreshToken, CancellationToken cancellationToken) =>
        PostTokenAsync(
            baseUrl,
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["client_id"] = _options.ClientId!,
                ["client_secret"] = _options.ClientSecret!,
                ["scope"] = _options.Scopes,
            },
            cancellationToken
        );

    public async Task<(ZendeskAnswer Answer, ZendeskUser? User)> GetCurrentUserAsync(
        Uri baseUrl,
        string accessToken,
        CancellationToken cancellationToken
    )
    {
        using var request = Authorized(HttpMethod.Get, new Uri(baseUrl, "/api/v2/users/me.json"), accessToken);
        var sent = await SendAsync(request, "users/me", cancellationToken);
        if (!sent.IsSuccess)
        {
            return (Unanswered(sent.Error!), null);
        }

        using var response = sent.Value;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var answer = AnswerOf(response.StatusCode, body);
        var user = answer.Succeeded ? Parse<MeJson>(body)?.User : null;
        return (
            answer,
            user is null ? null : new ZendeskUser(user.Id, user.Email, user.Name, user.Role, user.Active ?? true, user.Suspended ?? false)
        );
    }

    public async Task<ZendeskAnswer> ProbeTicketsAsync(Uri baseUrl, string accessToken, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Get, new Uri(baseUrl, "/api/v2/tickets.json?per_page=1"), accessToken);
        return await AnswerAsync(request, "tickets", cancellationToken);
    }

    public async Task<ZendeskAnswer> RevokeCurrentTokenAsync(Uri baseUrl, string accessToken, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Delete, new Uri(baseUrl, "/api/v2/oauth/tokens/current.json"), accessToken);
        return await AnswerAsync(request, "revoke", cancellationToken);
    }

    private async Task<Result<ZendeskToken>> PostTokenAsync(
        Uri baseUrl,
        Dictionary<string, string> fields,
        CancellationToken cancellationToken
    )
    {
        // Zendesk documents a JSON body for this endpoint.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "/oauth/tokens"))
        {
            Content = JsonContent.Create(fields),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var refreshing = fields["grant_type"] == "refresh_token";
        var sent = await SendAsync(request, refreshing ? "refresh" : "token", cancellationToken);
        if (!sent.IsSuccess)
        {
            return sent.Error!;
        }

        using var response = sent.Value;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        // Zendesk answers 201 Created; any 2xx is a token.
        if (!response.IsSuccessStatusCode)
        {
            var error = AnswerOf(response.StatusCode, body);
            return refreshing ? RefreshError(error) : TokenError(error, baseUrl.Host);
        }

        var token = Parse<TokenJson>(body);
        if (token is null || string.IsNullOrEmpty(token.AccessToken))
        {
            return Failure(
                "zendesk_bad_response",
                "Zendesk's token endpoint answered without an access token. Nothing was changed; try again."
            );
        }

        if (token.TokenType is { } type && !type.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            return Failure(
                "zendesk_bad_response",
                "Zendesk's token endpoint answered with a token Natero cannot use. Nothing was changed."
            );
        }

        return new ZendeskToken(
            token.AccessToken,
            string.IsNullOrEmpty(token.RefreshToken) ? null : token.RefreshToken,
            token.Scope,
            token.ExpiresIn is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : null
        );
    }

    private static Error TokenError(ZendeskAnswer error, string host) =>
        error.ErrorCode switch
        {
            "invalid_grant" => Failure(
                "zendesk_invalid_grant",
                "Zendesk refused the authorization: the code expired (Zendesk keeps it for 120 seconds), was already used, "
                    + "or belongs to another sign-in. Start again."
            ),
            "invalid_client" => Failure("zendesk_client_rejected", ClientRejected(host)),
            { } code => Failure(
                "zendesk_token_error",
                $"Zendesk refused the token request ({Clip(code)}{Detail(error.Description)}). Nothing was connected; start again."
            ),
            null => Failure(
                "zendesk_token_http_error",
                $"Zendesk's token endpoint failed (HTTP {error.StatusCode}). Nothing was connected; try again."
            ),
        };

    private static Error RefreshError(ZendeskAnswer error) =>
        error.ErrorCode switch
        {
            "invalid_grant" => Failure(
                ProviderErrorCodes.RefreshRejected,
                "Zendesk no longer accepts Natero's refresh token: it was revoked, expired or replaced, or the Zendesk user "
                    + "was suspended. Someone with \"Configure data connectors\" must authorize again."
            ),
            "invalid_client" => Failure(
                "zendesk_client_rejected",
                "Zendesk did not accept Natero's OAuth client while refreshing. A Natero administrator must check "
                    + "Zendesk:ClientId and Zendesk:ClientSecret."
            ),
            { } code => Failure("zendesk_refresh_error", $"Zendesk refused the refresh ({Clip(code)}{Detail(error.Description)})."),
            null => Failure(
                "zendesk_refresh_http_error",
                $"Zendesk's token endpoint failed (HTTP {error.StatusCode}) while refreshing. Natero will try again."
            ),
        };

    private static string ClientRejected(string host) =>
        $"Zendesk at {host} did not accept Natero's OAuth client. A Natero administrator must check Zendesk:ClientId and "
        + "Zendesk:ClientSecret. An OAuth client works only in the Zendesk account that created it: to connect other "
        + "accounts, Natero needs a global OAuth client (its identifier starts with zdg-).";

    private async Task<ZendeskAnswer> AnswerAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(request, what, cancellationToken);
        if (!sent.IsSuccess)
        {
            return Unanswered(sent.Error!);
        }

        using var response = sent.Value;
        return AnswerOf(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<Result<HttpResponseMessage>> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        var host = request.RequestUri!.Host;
        try
        {
            // Timeouts, retries and the circuit breaker live in the resilience pipeline (see DependencyInjection).
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            LogCall(logger, what, host, (int)response.StatusCode);
            return response;
        }
        catch (Exception ex) when (ZendeskFailures.Describe(ex, host, _options, cancellationToken) is { } failure)
        {
            LogFailed(logger, what, host, failure.Reason);
            return failure.Error;
        }
    }

    private static HttpRequestMessage Authorized(HttpMethod method, Uri url, string accessToken)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    /// <summary>A call that got no answer: status 0, with the failure's code and words.</summary>
    private static ZendeskAnswer Unanswered(Error error) => new(0, error.Code, error.Message);

    /// <summary>
    /// Zendesk's error bodies come as <c>{"error": "invalid_token", "error_description": "..."}</c> (OAuth),
    /// <c>{"error": "Forbidden", "description": "..."}</c> (Support API) or <c>{"error": {"title", "message"}}</c>.
    /// </summary>
    private static ZendeskAnswer AnswerOf(HttpStatusCode status, string body)
    {
        if (status is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices)
        {
            return new ZendeskAnswer((int)status, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return new ZendeskAnswer((int)status, null, null);
            }

            return error.ValueKind switch
            {
                JsonValueKind.String => new ZendeskAnswer(
                    (int)status,
                    error.GetString(),
                    Text(root, "error_description") ?? Text(root, "description")
                ),
                JsonValueKind.Object => new ZendeskAnswer((int)status, Text(error, "title"), Text(error, "message")),
                _ => new ZendeskAnswer((int)status, null, null),
            };
        }
        catch (JsonException)
        {
            return new ZendeskAnswer((int)status, null, null);
        }

        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Clip(value.GetString()) : null;
    }

    private static T? Parse<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Detail(string? description) => description is null ? string.Empty : ": " + Clip(description);

    private static string Clip(string? value) =>
        value is null ? string.Empty
        : value.Length > 200 ? value[..200]
        : value;

    private static Error Failure(string code, string message) => new(ErrorKind.Failure, code, message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zendesk {Call} call to {Host} answered {Status}")]
    private static partial void LogCall(ILogger logger, string call, string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zendesk {Call} call to {Host} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string call, string host, string reason);

    private sealed record TokenJson(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("expires_in")] long? ExpiresIn
    );

    private sealed record MeJson([property: JsonPropertyName("user")] UserJson? User);

    private sealed record UserJson(
        [property: JsonPropertyName("id")] long? Id,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("role")] string? Role,
        [property: JsonPropertyName("active")] bool? Active,
        [property: JsonPropertyName("suspended")] bool? Suspended
    );
}
