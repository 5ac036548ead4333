using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>
/// Zendesk as an OAuth provider. Everything lives on the account's own subdomain (authorize, token, API), so the
/// sign-in site is that host, checked by <see cref="ZendeskHosts"/> before anything is sent. Tokens come in two kinds:
/// an expiring one with a refresh token (clients made since Zendesk added expiry) and one that lives until revoked,
/// with no refresh token (older clients).
/// </summary>
internal sealed class ZendeskOAuthProvider(IZendeskClient client, IOptions<ZendeskOptions> options, TimeProvider time) : IOAuthProvider
{
    public const string Key = "zendesk";

    /// <summary>Zendesk's one place to sign in, the account's subdomain, as stored on connections.</summary>
    internal const string Subdomain = "Subdomain";

    private readonly ZendeskOptions _options = options.Value;
    private readonly ZendeskHosts _hosts = new(options.Value);

    public ProviderDescriptor Descriptor =>
        new(
            Key,
            "Zendesk",
            _options.IsConfigured,
            "Zendesk is not configured yet: a Natero administrator must set Zendesk:ClientId, Zendesk:ClientSecret and "
                + "Zendesk:CallbackUrl (the OAuth client's unique identifier, its secret, and Natero's callback registered as its "
                + "redirect URL; a global OAuth client to connect more than one Zendesk account). For an offline demo, start the "
                + "emulator with `dotnet run --project tests/ZendeskEmulator`, use the settings it prints, and set "
                + "Zendesk:AllowLoopbackHttp=true.",
            [new ProviderEnvironment(Subdomain, "Subdomain", "Zendesk subdomain", _hosts.Example, "your account's own Zendesk host")],
            // A token that names no expiry is a legacy client's: it lives until revoked, and has no refresh token.
            Timeout.InfiniteTimeSpan,
            "account",
            ZendeskWords.SignInHelp,
            ZendeskWords.AccessRequirement,
            ZendeskWords.ApiAccessFixIt,
            Uri.TryCreate(_options.CallbackUrl, UriKind.Absolute, out var callback) ? callback : null
        );

    public Result<SignInSite> ResolveSite(string? environment, string? host)
    {
        if (Descriptor.FindEnvironment(environment) is null)
        {
            return Error.Invalid("unknown_environment", "Zendesk takes no environment: type your Zendesk subdomain.");
        }

        var baseUrl = _hosts.Normalise(host);
        return baseUrl.IsSuccess ? new SignInSite(Subdomain, ZendeskHosts.SiteHostOf(baseUrl.Value)) : baseUrl.Error!;
    }

    public Result<Uri> LoginUrl(SignInSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.Environment == Subdomain
            ? _hosts.Normalise(site.Host)
            : Error.Invalid("unknown_environment", "Zendesk takes no environment: type your Zendesk subdomain.");
    }

    public Uri BuildAuthorizationUrl(Uri loginUrl, string state, string codeChallenge) =>
        new(
            QueryHelpers.AddQueryString(
                new Uri(loginUrl, "/oauth/authorizations/new").ToString(),
                new Dictionary<string, string?>
                {
                    ["response_type"] = "code",
                    ["client_id"] = _options.ClientId,
                    ["redirect_uri"] = _options.CallbackUrl,
                    ["scope"] = _options.Scopes,
                    ["state"] = state,
                    ["code_challenge"] = codeChallenge,
                    ["code_challenge_method"] = "S256",
                }
            )
        );

    public string? ExplainCallbackError(string error, string? description) => ZendeskWords.ExplainCallbackError(error);

    public async Task<Result<TokenGrant>> ExchangeCodeAsync(
        Uri loginUrl,
        string code,
        string codeVerifier,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(loginUrl);
        var baseUrl = _hosts.Normalise(ZendeskHosts.SiteHostOf(loginUrl));
        if (!baseUrl.IsSuccess)
        {
            return baseUrl.Error!;
        }

        var token = await client.ExchangeCodeAsync(baseUrl.Value, code, codeVerifier, cancellationToken);
        return token.IsSuccess ? Grant(baseUrl.Value, token.Value) : token.Error!;
    }

    /// <summary>
    /// Who signed in (<c>users/me</c>); the account is the subdomain itself. Only an active admin or agent is
    /// connected: anyone else's token is revoked at once, so nothing is left behind at Zendesk either.
    /// </summary>
    public async Task<Result<ProviderAccount>> DescribeAccountAsync(TokenGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var (answer, user) = await client.GetCurrentUserAsync(grant.InstanceUrl, grant.AccessToken, cancellationToken);
        if (answer.StatusCode == 0)
        {
            return Failure(answer.ErrorCode ?? "zendesk_identity_failed", answer.Description ?? "Zendesk could not be reached.");
        }

        if (!answer.Succeeded || user?.Id is not { } id)
        {
            return Failure(
                "zendesk_identity_failed",
                $"Zendesk could not say who signed in (HTTP {answer.StatusCode}). Nothing was connected; try again."
            );
        }

        var who = user.Email ?? user.Name ?? "The Zendesk user";
        var refusal =
            user.Suspended || !user.Active ? ZendeskWords.Suspended(who)
            : user.Role is not ("admin" or "agent") ? ZendeskWords.EndUser(who)
            : null;
        if (refusal is not null)
        {
            await client.RevokeCurrentTokenAsync(grant.InstanceUrl, grant.AccessToken, cancellationToken);
            return Failure("zendesk_user_refused", refusal);
        }

        return new ProviderAccount(
            ZendeskHosts.SiteHostOf(grant.InstanceUrl),
            id.ToString(CultureInfo.InvariantCulture),
            user.Email ?? id.ToString(CultureInfo.InvariantCulture),
            user.Name,
            grant.InstanceUrl
        );
    }

    public async Task<ApiAccessCheck> CheckApiAccessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken)
    {
        var probe = await client.ProbeTicketsAsync(instanceUrl, accessToken, cancellationToken);
        return probe switch
        {
            { Succeeded: true } => ApiAccessCheck.Enabled,
            { StatusCode: 401 } => new ApiAccessCheck(
                ApiAccessOutcome.TokenRejected,
                new ConnectionError("invalid_token", "Zendesk refused the access token: it expired or was revoked.")
            ),
            { StatusCode: 403 } => new ApiAccessCheck(
                ApiAccessOutcome.Disabled,
                new ConnectionError("zendesk_api_forbidden", ZendeskWords.ApiForbidden)
            ),
            { StatusCode: 0 } => new ApiAccessCheck(
                ApiAccessOutcome.Unknown,
                new ConnectionError(probe.ErrorCode ?? ZendeskFailures.Unreachable, probe.Description ?? "Zendesk could not be reached.")
            ),
            _ => new ApiAccessCheck(
                ApiAccessOutcome.Unknown,
                new ConnectionError(
                    "api_check_failed",
                    $"Natero could not confirm API access yet (HTTP {probe.StatusCode}"
                        + $"{(probe.Description is null ? string.Empty : ": " + probe.Description)}). It will check again."
                )
            ),
        };
    }

    /// <summary>Zendesk has no cheap call that names the account and its plan to an agent's token: unknown.</summary>
    public Task<AccountReadiness> DescribeReadinessAsync(Uri instanceUrl, string accessToken, CancellationToken cancellationToken) =>
        Task.FromResult(AccountReadiness.Unknown);

    public async Task<Result<TokenGrant>> RefreshAsync(SignInSite site, string refreshToken, CancellationToken cancellationToken)
    {
        var baseUrl = LoginUrl(site);
        if (!baseUrl.IsSuccess)
        {
            return baseUrl.Error!;
        }

        var token = await client.RefreshAsync(baseUrl.Value, refreshToken, cancellationToken);
        return token.IsSuccess ? Grant(baseUrl.Value, token.Value) : token.Error!;
    }

    /// <summary>
    /// Zendesk revokes the token that makes the request (<c>DELETE oauth/tokens/current.json</c>), so the access token is
    /// used; an expired one is refreshed first when a refresh token exists. Zendesk is reported to answer 204 and keep
    /// a token working, so <c>users/me</c> is asked once afterwards: if the token still works, the revocation failed.
    /// </summary>
    public async Task<Result> RevokeAsync(SignInSite site, GrantTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var baseUrl = LoginUrl(site);
        if (!baseUrl.IsSuccess)
        {
            return baseUrl.Error!;
        }

        if (tokens.AccessToken is null && tokens.RefreshToken is null)
        {
            return Error.Conflict("nothing_to_revoke", "There was no token to revoke.");
        }

        var access = tokens.AccessToken;
        var revoked = access is null ? null : await client.RevokeCurrentTokenAsync(baseUrl.Value, access, cancellationToken);
        if (revoked is null or { StatusCode: 401 } && tokens.RefreshToken is { } refreshToken)
        {
            var renewed = await client.RefreshAsync(baseUrl.Value, refreshToken, cancellationToken);
            if (!renewed.IsSuccess)
            {
                // A refresh token Zendesk refuses is as good as revoked (and its access token answered 401).
                return renewed.Error!.Code == ProviderErrorCodes.RefreshRejected ? Result.Success() : renewed.Error;
            }

            access = renewed.Value.AccessToken;
            revoked = await client.RevokeCurrentTokenAsync(baseUrl.Value, access, cancellationToken);
        }

        switch (revoked)
        {
            case { StatusCode: 401 }:
                // The token no longer works: it expired or was revoked already, and there is nothing to renew it with.
                return Result.Success();
            case { Succeeded: false }:
                return Failure(
                    revoked.StatusCode == 0 ? revoked.ErrorCode ?? "zendesk_revoke_failed" : "zendesk_revoke_failed",
                    revoked.StatusCode == 0
                        ? revoked.Description ?? "Zendesk could not be reached."
                        : $"Zendesk did not confirm the revocation (HTTP {revoked.StatusCode})."
                );
        }

        var (check, user) = await client.GetCurrentUserAsync(baseUrl.Value, access!, cancellationToken);
        return check.Succeeded && user?.Id is not null
            ? Failure("zendesk_revoke_not_effective", ZendeskWords.RevokeNotEffective)
            : Result.Success();
    }

    private TokenGrant Grant(Uri baseUrl, ZendeskToken token) =>
        new(
            token.AccessToken,
            token.RefreshToken,
            baseUrl,
            null,
            string.IsNullOrWhiteSpace(token.Scope) ? _options.Scopes : token.Scope,
            time.GetUtcNow(),
            token.ExpiresIn
        );

    private static Error Failure(string code, string message) => new(ErrorKind.Failure, code, message);
}
