using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>
/// HubSpot as an OAuth provider: one place to sign in (app.hubspot.com, where the person picks the portal), the v3
/// token endpoint, introspection for the portal and user, a contacts read as the API probe. Every secret travels in a
/// form body. See docs/providers/hubspot.md for the facts and their sources.
/// </summary>
internal sealed class HubSpotOAuthProvider(HubSpotClient client, IOptions<HubSpotOptions> options, TimeProvider time) : IOAuthProvider
{
    public const string Key = "hubspot";

    /// <summary>HubSpot's one place to sign in, as stored on connections.</summary>
    internal const string Production = "Production";

    private static readonly ProviderEnvironment[] Environments = [new(Production, "Production", Hint: "app.hubspot.com")];

    private readonly HubSpotOptions _options = options.Value;

    public ProviderDescriptor Descriptor =>
        new(
            Key,
            "HubSpot",
            _options.IsConfigured,
            "HubSpot is not configured yet: a Natero administrator must set HubSpot:ClientId, HubSpot:ClientSecret and "
                + "HubSpot:CallbackUrl (the HubSpot app's client id, secret and redirect URL). For an offline demo, start the "
                + "emulator with `dotnet run --project tests/HubSpotEmulator` and use the settings it prints.",
            Environments,
            _options.AccessTokenLifetime,
            "portal",
            HubSpotWords.SignInHelp,
            HubSpotWords.AccessRequirement,
            HubSpotWords.ApiAccessFixIt,
            Uri.TryCreate(_options.CallbackUrl, UriKind.Absolute, out var callback) ? callback : null
        );

    /// <summary>There is nothing to choose: the person picks the portal on HubSpot's own page.</summary>
    public Result<SignInSite> ResolveSite(string? environment, string? host) =>
        Descriptor.FindEnvironment(environment) is { } chosen
            ? new SignInSite(chosen.Key, null)
            : Error.Invalid("unknown_environment", "HubSpot has one place to sign in: leave the environment empty or choose Production.");

    public Result<Uri> LoginUrl(SignInSite site) =>
        site is { Environment: Production }
            ? new Uri(_options.AuthorizeUrl)
            : Error.Invalid("unknown_environment", "HubSpot has one place to sign in: Production.");

    /// <summary>
    /// The install URL. Required scopes in <c>scope</c>, the CRM scope in <c>optional_scope</c>: a required scope the user
    /// cannot grant makes HubSpot refuse on its own page and never come back, an optional one is dropped and the probe says so.
    /// </summary>
    public Uri BuildAuthorizationUrl(Uri loginUrl, string state, string codeChallenge)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = _options.ClientId,
            ["redirect_uri"] = _options.CallbackUrl,
            ["scope"] = Normalise(_options.Scopes),
        };
        if (!string.IsNullOrWhiteSpace(_options.OptionalScopes))
        {
            query["optional_scope"] = Normalise(_options.OptionalScopes);
        }

        query["state"] = state;
        query["code_challenge"] = codeChallenge;
        query["code_challenge_method"] = "S256";
        return new Uri(QueryHelpers.AddQueryString(loginUrl.ToString(), query));
    }

    public string? ExplainCallbackError(string error, string? description) => HubSpotWords.ExplainCallbackError(error, description);

    /// <summary>The token endpoint is configured on its own (api.hubapi.com), not under the install page's host.</summary>
    public async Task<Result<TokenGrant>> ExchangeCodeAsync(
        Uri loginUrl,
        string code,
        string codeVerifier,
        CancellationToken cancellationToken
    )
    {
        var token = await client.ExchangeCodeAsync(code, codeVerifier, cancellationToken);
        return token.IsSuccess ? Grant(token.Value) : token.Error!;
    }

    /// <summary>Introspection names the portal (hub_id, hub_domain) and the installing user (user_id, user's email).</summary>
    public async Task<Result<ProviderAccount>> DescribeAccountAsync(TokenGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var info = await client.IntrospectAsync(grant.AccessToken, cancellationToken);
        if (!info.IsSuccess)
        {
            return info.Error!;
        }

        var who = info.Value;
        if (who.ClientId is not null && !string.Equals(who.ClientId, _options.ClientId, StringComparison.Ordinal))
        {
            return new Error(
                ErrorKind.Failure,
                "hubspot_response_rejected",
                "HubSpot describes the token as another app's, so Natero did not trust it. Nothing was connected."
            );
        }

        return new ProviderAccount(who.HubId, who.UserId, who.User ?? who.UserId, who.HubDomain, grant.InstanceUrl);
    }

    public async Task<ApiAccessCheck> CheckApiAccessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken)
    {
        var probe = await client.ProbeContactsAsync(instanceUrl, accessToken, cancellationToken);
        if (probe.Succeeded)
        {
            return ApiAccessCheck.Enabled;
        }

        return (probe.StatusCode, probe.Category) switch
        {
            (401, _) => new ApiAccessCheck(
                ApiAccessOutcome.TokenRejected,
                new ConnectionError(
                    Clip(probe.Category, 64) ?? "INVALID_AUTHENTICATION",
                    "HubSpot refused the access token" + (probe.Message is null ? "." : $": {HubSpotWords.Clip(probe.Message, 500)}")
                )
            ),
            (403, "MISSING_SCOPES") => new ApiAccessCheck(
                ApiAccessOutcome.Disabled,
                new ConnectionError("MISSING_SCOPES", HubSpotWords.MissingScopes(probe.RequiredScopes))
            ),
            // An open circuit or a network failure: no answer from HubSpot, and the message already says what to do.
            (0, _) => new ApiAccessCheck(
                ApiAccessOutcome.Unknown,
                new ConnectionError(probe.ErrorCode ?? "api_check_failed", probe.Message ?? "HubSpot is unavailable.")
            ),
            _ => new ApiAccessCheck(
                ApiAccessOutcome.Unknown,
                new ConnectionError(
                    Clip(probe.Category, 64) ?? "api_check_failed",
                    $"Natero could not confirm API access yet (HTTP {probe.StatusCode}"
                        + (probe.Message is null ? string.Empty : ": " + HubSpotWords.Clip(probe.Message, 500))
                        + "). It will check again."
                )
            ),
        };
    }

    public Task<AccountReadiness> DescribeReadinessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken) =>
        client.DescribeAccountAsync(instanceUrl, accessToken, cancellationToken);

    public async Task<Result<TokenGrant>> RefreshAsync(SignInSite site, string refreshToken, CancellationToken cancellationToken)
    {
        var token = await client.RefreshAsync(refreshToken, cancellationToken);
        return token.IsSuccess ? Grant(token.Value) : token.Error!;
    }

    /// <summary>The refresh token, which ends the grant; the access token only when there is no refresh token.</summary>
    public async Task<Result> RevokeAsync(SignInSite site, GrantTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return (tokens.RefreshToken, tokens.AccessToken) switch
        {
            ({ } refresh, _) => await client.RevokeAsync(refresh, "refresh_token", cancellationToken),
            (null, { } access) => await client.RevokeAsync(access, "access_token", cancellationToken),
            _ => Error.Conflict("nothing_to_revoke", "There was no token to revoke."),
        };
    }

    /// <summary>HubSpot's answer, with the API's base as the instance and the time Natero received it as the issue time.</summary>
    private TokenGrant Grant(HubSpotToken token) =>
        new(
            token.AccessToken,
            token.RefreshToken,
            new Uri(_options.ApiBaseUrl),
            null,
            token.Scopes.Count > 0 ? string.Join(' ', token.Scopes) : Normalise(_options.Scopes),
            time.GetUtcNow(),
            token.ExpiresIn is int seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null
        );

    private static string Normalise(string scopes) => string.Join(' ', scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string? Clip(string? value, int length) => value is not null && value.Length > length ? value[..length] : value;
}
