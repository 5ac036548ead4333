using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Natero.Connectors.HubSpotEmulator.Hosting;

namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>
/// <c>POST /oauth/v3/token</c>, <c>/token/introspect</c> and <c>/token/revoke</c> (also under the date version
/// <c>/oauth/2026-03/</c>): form-encoded bodies with the client credentials in the body, never a token in the URL.
/// </summary>
internal sealed class TokenEndpoints(EmulatorDirectory directory, TokenStore tokens, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Versions = ["v3", "2026-03"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        foreach (var version in Versions)
        {
            routes
                .MapPost($"/oauth/{version}/token", static (HttpContext c, TokenEndpoints e) => e.Token(c))
                .Tagged(EmulatorEndpoint.Token);
            routes
                .MapPost($"/oauth/{version}/token/introspect", static (HttpContext c, TokenEndpoints e) => e.Introspect(c))
                .Tagged(EmulatorEndpoint.Introspect);
            routes
                .MapPost($"/oauth/{version}/token/revoke", static (HttpContext c, TokenEndpoints e) => e.Revoke(c))
                .Tagged(EmulatorEndpoint.Revoke);
        }
    }

    private async Task<IResult> Token(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return HubSpotErrors.OAuth("BAD_GRANT_TYPE", "missing or unknown grant type", "unsupported_grant_type");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = form["grant_type"].ToString();
        if (grantType is not ("authorization_code" or "refresh_token"))
        {
            return HubSpotErrors.OAuth("BAD_GRANT_TYPE", "missing or unknown grant type", "unsupported_grant_type");
        }

        if (Client(form, out var failure) is not { } app)
        {
            return failure!;
        }

        return grantType == "authorization_code" ? ExchangeCode(app, form) : Refresh(app, form);
    }

    private IResult ExchangeCode(HubSpotApp app, IFormCollection form)
    {
        var codeValue = form["code"].ToString();
        var code = codeValue.Length == 0 ? null : tokens.RedeemCode(codeValue);
        if (code is null || code.Request.App != app)
        {
            return HubSpotErrors.OAuth("BAD_AUTH_CODE", "missing or unknown auth code", "invalid_grant");
        }

        if (!string.Equals(form["redirect_uri"], code.Request.RedirectUri, StringComparison.Ordinal))
        {
            return HubSpotErrors.OAuth(
                "BAD_REDIRECT_URI",
                "redirect_uri does not match the redirect URL of the authorization",
                "invalid_grant"
            );
        }

        if (
            code.Request.CodeChallenge is { } challenge
            && !VerifierMatches(form["code_verifier"].ToString(), challenge, code.Request.CodeChallengeMethod)
        )
        {
            return HubSpotErrors.OAuth("BAD_AUTH_CODE", "code_verifier does not match the code challenge", "invalid_grant");
        }

        if (!code.User.Active)
        {
            return HubSpotErrors.OAuth("BAD_AUTH_CODE", "missing or unknown auth code", "invalid_grant");
        }

        return Issued(tokens.IssueForCode(code));
    }

    private IResult Refresh(HubSpotApp app, IFormCollection form)
    {
        var grant = tokens.FindByRefreshToken(form["refresh_token"].ToString());
        return grant is null || grant.App != app
            ? HubSpotErrors.OAuth("BAD_REFRESH_TOKEN", "missing or invalid refresh token", "invalid_grant")
            : Issued(tokens.Refresh(grant));
    }

    /// <summary>HubSpot keeps the refresh token on refresh: the same one comes back every time.</summary>
    private IResult Issued(AccessToken access)
    {
        var grant = access.Grant;
        return Json.Result(
            new JsonObject
            {
                ["token_type"] = "bearer",
                ["refresh_token"] = grant.RefreshToken,
                ["access_token"] = access.Value,
                ["expires_in"] = ExpiresIn(access),
                ["token_use"] = "access_token",
                ["hub_id"] = grant.Portal.HubId,
                ["user_id"] = grant.User.UserId,
                ["scopes"] = new JsonArray([.. grant.Scopes.Select(s => JsonValue.Create(s))]),
            }
        );
    }

    private async Task<IResult> Introspect(HttpContext context)
    {
        var (app, form, failure) = await AuthenticateClient(context);
        if (app is null)
        {
            return failure!;
        }

        var inspection = tokens.Inspect(form["token"].ToString(), app);
        if (inspection is null)
        {
            return Json.Result(new JsonObject { ["active"] = false });
        }

        var grant = inspection.Grant;
        var json = new JsonObject
        {
            ["active"] = true,
            ["token"] = inspection.Access?.Value ?? grant.RefreshToken,
            ["token_use"] = inspection.Access is null ? "refresh_token" : "access_token",
            ["token_type"] = inspection.Access is null ? "refresh" : "bearer",
            ["client_id"] = app.ClientId,
            ["app_id"] = app.AppId,
            ["hub_id"] = grant.Portal.HubId,
            ["hub_domain"] = grant.Portal.HubDomain,
            ["user_id"] = grant.User.UserId,
            ["user"] = grant.User.Email,
            ["scopes"] = new JsonArray([.. grant.Scopes.Select(s => JsonValue.Create(s))]),
        };
        if (inspection.Access is { } access)
        {
            json["expires_in"] = ExpiresIn(access);
            json["is_private_distribution"] = false;
            json["signed_access_token"] = SignedAccessToken(access);
        }

        return Json.Result(json);
    }

    /// <summary>Answers 204 whether or not the token was known, as RFC 7009 asks, so a client cannot probe tokens.</summary>
    private async Task<IResult> Revoke(HttpContext context)
    {
        var (app, form, failure) = await AuthenticateClient(context);
        if (app is null)
        {
            return failure!;
        }

        tokens.Revoke(form["token"].ToString(), app);
        return Results.NoContent();
    }

    /// <summary>Introspect and revoke authenticate the app like the token endpoint: client id and secret in the form body.</summary>
    private async Task<(HubSpotApp? App, IFormCollection Form, IResult? Failure)> AuthenticateClient(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return (
                null,
                FormCollection.Empty,
                HubSpotErrors.OAuth("BAD_REQUEST", "the request body must be form-encoded", "invalid_request")
            );
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var app = Client(form, out var failure);
        return (app, form, failure);
    }

    private HubSpotApp? Client(IFormCollection form, out IResult? failure)
    {
        var app = directory.FindApp(form["client_id"].ToString());
        if (app is null)
        {
            failure = HubSpotErrors.OAuth("BAD_CLIENT_ID", "missing or unknown client id", "invalid_client");
            return null;
        }

        if (!SecretMatches(form["client_secret"].ToString(), app.ClientSecret))
        {
            failure = HubSpotErrors.OAuth("BAD_CLIENT_SECRET", "missing or invalid client secret", "invalid_client");
            return null;
        }

        failure = null;
        return app;
    }

    private long ExpiresIn(AccessToken access) => Math.Max(0, (long)(access.ExpiresAt - time.GetUtcNow()).TotalSeconds);

    private JsonObject SignedAccessToken(AccessToken access)
    {
        var grant = access.Grant;
        return new JsonObject
        {
            ["expiresAt"] = access.ExpiresAt.ToUnixTimeMilliseconds(),
            ["scopes"] = TokenValues.Base64Url(Encoding.UTF8.GetBytes(string.Join(' ', grant.Scopes))),
            ["hubId"] = grant.Portal.HubId,
            ["userId"] = grant.User.UserId,
            ["appId"] = grant.App.AppId,
            ["signature"] = TokenValues.Base64Url(RandomNumberGenerator.GetBytes(20)),
            ["scopeToScopeGroupPks"] = "",
            ["newSignature"] = TokenValues.Base64Url(RandomNumberGenerator.GetBytes(32)),
            ["hublet"] = grant.Portal.DataHostingLocation,
            ["trialScopes"] = "",
            ["trialScopeToScopeGroupPks"] = "",
            ["isUserLevel"] = false,
            ["installingUserId"] = grant.User.UserId,
            ["isServiceAccount"] = false,
            ["isPrivateDistribution"] = false,
        };
    }

    private static bool SecretMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static bool VerifierMatches(string verifier, string challenge, string method) =>
        verifier.Length > 0
        && string.Equals(method == "S256" ? TokenValues.CodeChallenge(verifier) : verifier, challenge, StringComparison.Ordinal);
}
