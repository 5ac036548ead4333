using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// Salesforce over a typed HttpClient behind the standard resilience handler: GETs retried, POSTs sent
/// once, a breaker per host, attempt and total timeouts. Messages describe what went wrong in words,
/// and never carry a token, code or secret.
/// </summary>
internal sealed partial class SalesforceClient(HttpClient http, IOptions<SalesforceOptions> options, ILogger<SalesforceClient> logger)
    : ISalesforceClient
{
    private readonly SalesforceOptions _options = options.Value;

    public Task<Result<SalesforceToken>> ExchangeCodeAsync(
        Uri loginUrl,
        string code,
        string codeVerifier,
        CancellationToken cancellationToken
    ) =>
        PostTokenAsync(
            loginUrl,
            "authorization_code",
            [
                new("code", code),
                new("client_id", _options.ClientId!),
                new("client_secret", _options.ClientSecret!),
                new("redirect_uri", _options.CallbackUrl!),
                new("code_verifier", codeVerifier),
            ],
            cancellationToken
        );

    public Task<Result<SalesforceToken>> RefreshAsync(Uri loginUrl, string refreshToken, CancellationToken cancellationToken) =>
        PostTokenAsync(
            loginUrl,
            "refresh_token",
            [new("refresh_token", refreshToken), new("client_id", _options.ClientId!), new("client_secret", _options.ClientSecret!)],
            cancellationToken
        );

    public async Task<Result> RevokeAsync(Uri loginUrl, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(loginUrl, "/services/oauth2/revoke"))
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
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

        // An already invalid token is as good as revoked.
        var error = ParseJson<OAuthErrorJson>(await response.Content.ReadAsStringAsync(cancellationToken));
        return error?.Error == "invalid_token"
            ? Result.Success()
            : Failure(
                "salesforce_revoke_failed",
                "Salesforce did not confirm the revocation (HTTP "
                    + $"{(int)response.StatusCode}{(error?.Error is null ? string.Empty : ", " + Clip(error.Error))})."
            );
    }

    private async Task<Result<SalesforceToken>> PostTokenAsync(
        Uri loginUrl,
        string grantType,
        KeyValuePair<string, string>[] fields,
        CancellationToken cancellationToken
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(loginUrl, "/services/oauth2/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", grantType), .. fields]),
        };
        var answer = await SendAsync(request, grantType == "refresh_token" ? "refresh" : "token", cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Error!;
        }

        using var response = answer.Value;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return grantType == "refresh_token" ? RefreshError(response.StatusCode, body) : TokenEndpointError(response.StatusCode, body);
        }

        var token = ParseJson<TokenJson>(body);
        if (token is null)
        {
            return Failure(
                "salesforce_bad_response",
                "Salesforce's token endpoint answered with something that is not JSON. Nothing was connected; try again."
            );
        }

        var missing = new[]
        {
            ("access_token", token.AccessToken),
            ("instance_url", token.InstanceUrl),
            ("id", token.Id),
            ("issued_at", token.IssuedAt),
            ("signature", token.Signature),
        }
            .Where(f => string.IsNullOrEmpty(f.Item2))
            .Select(f => f.Item1)
            .ToList();
        if (missing.Count > 0)
        {
            return Failure(
                "salesforce_incomplete_response",
                $"Salesforce's token answer lacked {string.Join(", ", missing)}. Nothing was connected; try again."
            );
        }

        return new SalesforceToken(
            token.AccessToken!,
            token.RefreshToken,
            token.InstanceUrl!,
            token.Id!,
            token.IssuedAt!,
            token.Signature!,
            token.Scope,
            token.TokenType
        );
    }

    public async Task<Result<SalesforceIdentity>> GetIdentityAsync(Uri identityUrl, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, identityUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await SendAsync(request, "identity", cancellationToken);
        if (!answer.IsSuccess)
        {
            return answer.Error!;
        }

        using var response = answer.Value;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return Failure("salesforce_bad_token", "Salesforce did not accept the new access token when asked who signed in. Try again.");
        }

        var identity = response.IsSuccessStatusCode ? ParseJson<IdentityJson>(body) : null;
        if (
            identity is null
            || string.IsNullOrEmpty(identity.UserId)
            || string.IsNullOrEmpty(identity.OrganizationId)
            || string.IsNullOrEmpty(identity.Username)
        )
        {
            return Failure(
                "salesforce_identity_failed",
                $"Salesforce could not say who signed in (HTTP {(int)response.StatusCode}). Try again."
            );
        }

        return new SalesforceIdentity(
            identity.UserId,
            identity.OrganizationId,
            identity.Username,
            identity.DisplayName,
            identity.Email,
            identity.Active ?? true
        );
    }

    public async Task<SalesforceRestProbe> ProbeRestApiAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instanceUrl, $"/services/data/v{_options.ApiVersion}/"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await SendAsync(request, "rest", cancellationToken);
        if (!answer.IsSuccess)
        {
            return new SalesforceRestProbe(false, 0, answer.Error!.Code, answer.Error.Message);
        }

        using var response = answer.Value;
        if (response.IsSuccessStatusCode)
        {
            return new SalesforceRestProbe(true, (int)response.StatusCode, null, null);
        }

        // REST errors are a JSON array: [{"message": "...", "errorCode": "..."}].
        var errors = ParseJson<RestErrorJson[]>(await response.Content.ReadAsStringAsync(cancellationToken));
        var first = errors?.FirstOrDefault();
        return new SalesforceRestProbe(false, (int)response.StatusCode, first?.ErrorCode, first?.Message);
    }

    public async Task<AccountReadiness> DescribeOrgAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken)
    {
        const string Soql = "SELECT Name, OrganizationType, IsSandbox, InstanceName FROM Organization";
        var version = $"/services/data/v{_options.ApiVersion}";
        var org = await GetJsonAsync<QueryJson>(
            new Uri(instanceUrl, $"{version}/query?q={Uri.EscapeDataString(Soql)}"),
            accessToken,
            "organization",
            cancellationToken
        );
        var limits = await GetJsonAsync<LimitsJson>(new Uri(instanceUrl, $"{version}/limits"), accessToken, "limits", cancellationToken);
        var record = org?.Records?.FirstOrDefault();
        var edition = record?.OrganizationType is { } type ? (record.IsSandbox == true ? $"{type} (sandbox)" : type) : null;
        return new AccountReadiness(record?.Name, edition, limits?.DailyApiRequests?.Max, limits?.DailyApiRequests?.Remaining);
    }

    /// <summary>A GET whose answer only informs (readiness facts): any failure is an unknown, never an error.</summary>
    private async Task<T?> GetJsonAsync<T>(Uri url, string accessToken, string what, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var answer = await SendAsync(request, what, cancellationToken);
        if (!answer.IsSuccess)
        {
            return null;
        }

        using var response = answer.Value;
        return response.IsSuccessStatusCode ? ParseJson<T>(await response.Content.ReadAsStringAsync(cancellationToken)) : null;
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
        catch (Exception ex) when (SalesforceFailures.Describe(ex, host, _options, cancellationToken) is { } failure)
        {
            LogFailed(logger, what, host, failure.Reason);
            return failure.Error;
        }
    }

    private static Error TokenEndpointError(HttpStatusCode status, string body)
    {
        var error = status == HttpStatusCode.BadRequest ? ParseJson<OAuthErrorJson>(body) : null;
        return (error?.Error, error?.ErrorDescription) switch
        {
            ("invalid_grant", "expired authorization code") => Failure(
                "salesforce_code_expired",
                "The authorization expired before Natero could use it. Start again."
            ),
            ("invalid_grant", "invalid code verifier") => Failure(
                "salesforce_pkce_failed",
                "Salesforce refused the proof that this browser started the sign-in. Start again."
            ),
            ("invalid_grant", "ip restricted") => Failure("salesforce_ip_restricted", SalesforceWords.IpRestricted),
            ("invalid_grant", "inactive user") => Failure("salesforce_inactive_user", SalesforceWords.InactiveUser),
            ("invalid_grant", "inactive organization") => Failure("salesforce_inactive_org", SalesforceWords.InactiveOrg),
            ("invalid_grant", var description) => Failure(
                "salesforce_invalid_grant",
                $"Salesforce refused the authorization ({Clip(description)}). Start again."
            ),
            ("invalid_client_id" or "invalid_client", _) => Failure(
                "salesforce_client_rejected",
                "Salesforce did not accept Natero's Connected App credentials. A Natero "
                    + "administrator must check Salesforce:ClientId and Salesforce:ClientSecret."
            ),
            ("redirect_uri_mismatch", _) => Failure(
                "salesforce_redirect_mismatch",
                "Salesforce says Natero's callback URL is not registered in the "
                    + "Connected App. A Natero administrator must check Salesforce:CallbackUrl."
            ),
            ({ } code, var description) => Failure(
                "salesforce_token_error",
                $"Salesforce refused the token request ({Clip(code)}{(description is null ? string.Empty : ": " + Clip(description))})."
            ),
            _ => Failure(
                "salesforce_token_http_error",
                $"Salesforce's token endpoint failed (HTTP {(int)status}). Nothing was connected; try again."
            ),
        };
    }

    private static Error RefreshError(HttpStatusCode status, string body)
    {
        var error = status == HttpStatusCode.BadRequest ? ParseJson<OAuthErrorJson>(body) : null;
        return (error?.Error, error?.ErrorDescription) switch
        {
            ("invalid_grant", "inactive user") => Rejected(SalesforceWords.InactiveUser + " Then someone must authorize again."),
            ("invalid_grant", "inactive organization") => Rejected(SalesforceWords.InactiveOrg + " Then someone must authorize again."),
            ("invalid_grant", "ip restricted") => Rejected(SalesforceWords.IpRestricted + " Then someone must authorize again."),
            ("invalid_grant", "expired access/refresh token") => Rejected(SalesforceWords.RefreshPolicyExpired),
            ("invalid_grant", var description) => Rejected(
                $"Salesforce no longer accepts Natero's refresh token ({Clip(description)}): "
                    + "it was revoked, expired or replaced. Someone must authorize again."
            ),
            ("invalid_client_id" or "invalid_client", _) => Failure(
                "salesforce_client_rejected",
                "Salesforce did not accept Natero's Connected App credentials. A Natero "
                    + "administrator must check Salesforce:ClientId and Salesforce:ClientSecret."
            ),
            ({ } code, var description) => Failure(
                "salesforce_refresh_error",
                $"Salesforce refused the refresh ({Clip(code)}{(description is null ? string.Empty : ": " + Clip(description))})."
            ),
            _ => Failure(
                "salesforce_refresh_http_error",
                $"Salesforce's token endpoint failed (HTTP {(int)status}) while refreshing. Natero will try again."
            ),
        };

        static Error Rejected(string message) => Failure(Application.Common.Providers.ProviderErrorCodes.RefreshRejected, message);
    }

    private static T? ParseJson<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Clip(string? value) =>
        value is null ? string.Empty
        : value.Length > 200 ? value[..200]
        : value;

    private static Error Failure(string code, string message) => new(ErrorKind.Failure, code, message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Salesforce {Call} call to {Host} answered {Status}")]
    private static partial void LogCall(ILogger logger, string call, string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce {Call} call to {Host} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string call, string host, string reason);

    private sealed record TokenJson(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("instance_url")] string? InstanceUrl,
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("issued_at")] string? IssuedAt,
        [property: JsonPropertyName("signature")] string? Signature,
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("token_type")] string? TokenType
    );

    private sealed record IdentityJson(
        [property: JsonPropertyName("user_id")] string? UserId,
        [property: JsonPropertyName("organization_id")] string? OrganizationId,
        [property: JsonPropertyName("username")] string? Username,
        [property: JsonPropertyName("display_name")] string? DisplayName,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("active")] bool? Active
    );

    private sealed record OAuthErrorJson(
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription
    );

    private sealed record QueryJson([property: JsonPropertyName("records")] OrganizationJson[]? Records);

    private sealed record OrganizationJson(
        [property: JsonPropertyName("Name")] string? Name,
        [property: JsonPropertyName("OrganizationType")] string? OrganizationType,
        [property: JsonPropertyName("IsSandbox")] bool? IsSandbox,
        [property: JsonPropertyName("InstanceName")] string? InstanceName
    );

    private sealed record LimitsJson([property: JsonPropertyName("DailyApiRequests")] LimitJson? DailyApiRequests);

    private sealed record LimitJson(
        [property: JsonPropertyName("Max")] long? Max,
        [property: JsonPropertyName("Remaining")] long? Remaining
    );

    private sealed record RestErrorJson(
        [property: JsonPropertyName("message")] string? Message,
        [property: JsonPropertyName("errorCode")] string? ErrorCode
    );
}
