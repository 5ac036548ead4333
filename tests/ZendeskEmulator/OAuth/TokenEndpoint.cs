using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Natero.Connectors.ZendeskEmulator.Hosting;

namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary><c>POST /oauth/tokens</c> ("Create Token for Grant Type"): authorization_code and refresh_token, JSON or form.</summary>
internal sealed class TokenEndpoint(EmulatorDirectory directory, TokenStore tokens)
{
    /// <summary>The documented bounds of <c>expires_in</c>: 5 minutes to 2 days.</summary>
    public static readonly (int Min, int Max) AccessLifetimeSeconds = (300, 172_800);

    /// <summary>The documented bounds of <c>refresh_token_expires_in</c>: 7 to 90 days.</summary>
    public static readonly (int Min, int Max) RefreshLifetimeSeconds = (604_800, 7_776_000);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes
            .MapPost("/oauth/tokens", static (HttpContext context, TokenEndpoint endpoint) => endpoint.Handle(context))
            .Tagged(EmulatorEndpoint.Token);

    private async Task<IResult> Handle(HttpContext context)
    {
        var parameters = await RequestLogMiddleware.ReadBody(context.Request, context.RequestAborted);
        string? Read(string name) => parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

        var grantType = Read("grant_type");
        if (grantType is not ("authorization_code" or "refresh_token"))
        {
            return grantType is null
                ? OAuthErrors.Result("invalid_request", OAuthErrors.InvalidRequest)
                : OAuthErrors.Result("unsupported_grant_type", OAuthErrors.UnsupportedGrantType);
        }

        var (clientId, secret) = Credentials(context.Request, Read("client_id"), Read("client_secret"));
        var client = directory.FindClient(clientId, context.Account());
        if (client is null || (secret is not null && !TokenValues.FixedTimeEquals(secret, client.Secret)))
        {
            return OAuthErrors.Result("invalid_client", OAuthErrors.InvalidClient, StatusCodes.Status401Unauthorized);
        }

        if (
            !TryLifetime(Read("expires_in"), AccessLifetimeSeconds, out var accessLifetime)
            || !TryLifetime(Read("refresh_token_expires_in"), RefreshLifetimeSeconds, out var refreshLifetime)
        )
        {
            return OAuthErrors.Result("invalid_request", OAuthErrors.InvalidRequest);
        }

        var lifetimes = new Lifetimes(accessLifetime, refreshLifetime);
        return grantType == "authorization_code"
            ? ExchangeCode(context, client, secret is not null, Read("code"), Read("redirect_uri"), Read("code_verifier"), lifetimes)
            : Refresh(client, secret is not null, Read("refresh_token"), lifetimes);
    }

    private IResult ExchangeCode(
        HttpContext context,
        OAuthClient client,
        bool authenticated,
        string? codeValue,
        string? redirectUri,
        string? verifier,
        Lifetimes requested
    )
    {
        if (codeValue is null)
        {
            return OAuthErrors.Result("invalid_request", OAuthErrors.InvalidRequest);
        }

        var code = tokens.RedeemCode(codeValue);
        if (
            code is null
            || code.Request.Client != client
            || code.Request.Account != context.Account()
            || !string.Equals(redirectUri ?? code.Request.RedirectUri, code.Request.RedirectUri, StringComparison.Ordinal)
            || (code.Request.CodeChallenge is { } challenge && (verifier is null || TokenValues.CodeChallenge(verifier) != challenge))
            || code.User.Suspended
        )
        {
            return OAuthErrors.Result("invalid_grant", OAuthErrors.InvalidGrant);
        }

        // Without PKCE the secret is what proves the client; with PKCE Zendesk lets the verifier do it.
        if (!authenticated && code.Request.CodeChallenge is null)
        {
            return OAuthErrors.Result("invalid_client", OAuthErrors.InvalidClient, StatusCodes.Status401Unauthorized);
        }

        var (access, refresh) = requested.For(client);
        var token = tokens.Issue(client, code.User, code.Request.Scopes, access, refresh, usedPkce: code.Request.CodeChallenge is not null);
        return Success(token);
    }

    private IResult Refresh(OAuthClient client, bool authenticated, string? refreshToken, Lifetimes requested)
    {
        if (refreshToken is null)
        {
            return OAuthErrors.Result("invalid_request", OAuthErrors.InvalidRequest);
        }

        var previous = tokens.FindByRefreshToken(refreshToken);
        if (previous is null || previous.Client != client)
        {
            return OAuthErrors.Result("invalid_grant", OAuthErrors.InvalidGrant);
        }

        if (!authenticated && !previous.UsedPkce)
        {
            return OAuthErrors.Result("invalid_client", OAuthErrors.InvalidClient, StatusCodes.Status401Unauthorized);
        }

        var token = tokens.Rotate(
            previous,
            requested.Access ?? previous.AccessLifetime!.Value,
            requested.Refresh ?? previous.RefreshLifetime ?? client.RefreshTokenLifetime
        );
        return Success(token);
    }

    /// <summary>Zendesk answers 201 with <c>token_type</c> "bearer"; the expiry fields come only with an expiring token.</summary>
    private static IResult Success(OAuthToken token)
    {
        var json = new JsonObject
        {
            ["access_token"] = token.AccessToken,
            ["token_type"] = "bearer",
            ["scope"] = string.Join(' ', token.Scopes),
        };
        if (token.AccessLifetime is { } access)
        {
            json["expires_in"] = (long)access.TotalSeconds;
        }

        if (token.RefreshToken is { } refresh)
        {
            json["refresh_token"] = refresh;
            json["refresh_token_expires_in"] = (long)token.RefreshLifetime!.Value.TotalSeconds;
        }

        return Json.Result(json, StatusCodes.Status201Created);
    }

    private static (string? ClientId, string? Secret) Credentials(HttpRequest request, string? clientId, string? secret)
    {
        if (clientId is not null)
        {
            return (clientId, secret);
        }

        if (
            AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && TryDecode(header.Parameter) is { } pair
            && pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
        )
        {
            return (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
        }

        return (null, null);
    }

    private static string? TryDecode(string? base64)
    {
        try
        {
            return base64 is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool TryLifetime(string? value, (int Min, int Max) bounds, out TimeSpan? lifetime)
    {
        lifetime = null;
        if (value is null)
        {
            return true;
        }

        if (
            !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds < bounds.Min
            || seconds > bounds.Max
        )
        {
            return false;
        }

        lifetime = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>The lifetimes a token request asked for, if any.</summary>
    private sealed record Lifetimes(TimeSpan? Access, TimeSpan? Refresh)
    {
        /// <summary>
        /// An expiring client's defaults fill in what the request left out; a legacy client's token expires only
        /// when the request asks for <c>expires_in</c>, and then it comes with a refresh token too.
        /// </summary>
        public (TimeSpan? Access, TimeSpan? Refresh) For(OAuthClient client) =>
            client.TokensExpire ? (Access ?? client.AccessTokenLifetime, Refresh ?? client.RefreshTokenLifetime)
            : Access is { } access ? (access, Refresh ?? client.RefreshTokenLifetime)
            : (null, null);
    }
}
