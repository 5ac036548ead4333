using System.Globalization;
using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary><c>POST /services/oauth2/token</c>: the authorization_code and refresh_token grants.</summary>
internal sealed class TokenEndpoint(EmulatorDirectory directory, TokenStore tokens, HostMap hosts, IdTokenIssuer idTokens)
{
    private const string ExpiredToken = "expired access/refresh token";
    private const string IpRestricted = "ip restricted";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes
            .MapPost("/services/oauth2/token", static (HttpContext context, TokenEndpoint endpoint) => endpoint.Handle(context))
            .ServedOn(HostRoles.Login, EmulatorEndpoint.Token);

    private async Task<IResult> Handle(HttpContext context)
    {
        // Without a form there is no grant_type to read, which is how Salesforce reports a JSON body.
        if (!context.Request.HasFormContentType)
        {
            return OAuthErrors.Result("unsupported_grant_type", "grant type not supported");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = form["grant_type"].ToString();
        if (grantType is not ("authorization_code" or "refresh_token"))
        {
            return OAuthErrors.Result("unsupported_grant_type", "grant type not supported");
        }

        var credentials = ClientCredentials.Read(context.Request, form);
        var app = directory.FindApp(credentials.ClientId);
        if (app is null)
        {
            return OAuthErrors.Result("invalid_client_id", "client identifier invalid");
        }

        var secretRequired = grantType == "authorization_code" ? app.RequireSecret : app.RequireSecretForRefresh;
        if (credentials.ClientSecret is null ? secretRequired : !credentials.SecretMatches(app))
        {
            return OAuthErrors.Result("invalid_client", "invalid client credentials");
        }

        return grantType == "authorization_code" ? ExchangeCode(context, app, form) : Refresh(context, app, form);
    }

    private IResult ExchangeCode(HttpContext context, ConnectedApp app, IFormCollection form)
    {
        var codeValue = form["code"].ToString();
        if (codeValue.Length == 0)
        {
            return OAuthErrors.Result("invalid_request", "missing required code parameter");
        }

        var code = tokens.RedeemCode(codeValue);
        if (code is null || code.Host != context.Host() || code.Request.App != app)
        {
            return OAuthErrors.Result("invalid_grant", "expired authorization code");
        }

        if (!string.Equals(form["redirect_uri"], code.Request.RedirectUri, StringComparison.Ordinal))
        {
            return OAuthErrors.Result("redirect_uri_mismatch", "redirect_uri must match configuration");
        }

        if (
            code.Request.CodeChallenge is { } challenge
            && (form["code_verifier"].ToString() is not { Length: > 0 } verifier || TokenValues.CodeChallenge(verifier) != challenge)
        )
        {
            return OAuthErrors.Result("invalid_grant", "invalid code verifier");
        }

        if (Inactive(code.User) is { } inactive)
        {
            return inactive;
        }

        if (app.RefusesIp(code.User, IpCheck.CodeExchange))
        {
            return OAuthErrors.Result("invalid_grant", IpRestricted);
        }

        var session = tokens.IssueForCode(code);
        return Success(context, session, session.Grant.RefreshToken, code.Request.Nonce);
    }

    private IResult Refresh(HttpContext context, ConnectedApp app, IFormCollection form)
    {
        var grant = tokens.FindByRefreshToken(form["refresh_token"].ToString());
        if (grant is null || grant.App != app || !context.Host().Admits(grant.User.Org))
        {
            return OAuthErrors.Result("invalid_grant", ExpiredToken);
        }

        if (Inactive(grant.User) is { } inactive)
        {
            return inactive;
        }

        if (app.RefusesIp(grant.User, IpCheck.Refresh))
        {
            return OAuthErrors.Result("invalid_grant", IpRestricted);
        }

        if (app.IsBlockedIn(grant.User.Org) || !app.Admits(grant.User))
        {
            return OAuthErrors.Result("invalid_app_access", "user is not admin approved to access this app");
        }

        var (session, rotated) = tokens.Refresh(grant);
        return Success(context, session, rotated, nonce: null);
    }

    private static IResult? Inactive(EmulatorUser user) =>
        !user.Active ? OAuthErrors.Result("invalid_grant", "inactive user")
        : !user.Org.Active ? OAuthErrors.Result("invalid_grant", "inactive organization")
        : null;

    /// <summary>Salesforce's field order; no <c>expires_in</c>, because sessions end by inactivity.</summary>
    private IResult Success(HttpContext context, AccessSession session, string? refreshToken, string? nonce)
    {
        context.Response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        context.Response.Headers.Pragma = "no-cache";
        var grant = session.Grant;
        var identityUrl = hosts.IdentityUrl(session.User);
        var issuedAt = session.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var json = new JsonObject { ["access_token"] = session.Value };
        if (refreshToken is not null)
        {
            json["refresh_token"] = refreshToken;
        }

        json["signature"] = TokenValues.Signature(grant.App.ClientSecret, identityUrl, issuedAt);
        json["scope"] = string.Join(' ', grant.Scopes);
        if (grant.Scopes.Contains("openid"))
        {
            json["id_token"] = idTokens.Issue(context.Host(), session, identityUrl, nonce);
        }

        json["instance_url"] = session.User.Org.InstanceUrl;
        json["id"] = identityUrl;
        json["token_type"] = "Bearer";
        json["issued_at"] = issuedAt;
        return Json.Result(json);
    }
}
