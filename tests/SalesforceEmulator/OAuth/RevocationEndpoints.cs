using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary><c>/services/oauth2/revoke</c> and <c>/services/oauth2/introspect</c>.</summary>
internal static class RevocationEndpoints
{
    public static void MapRevocation(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/services/oauth2/revoke", ["GET", "POST"], Revoke).ServedOn(HostRoles.Login, EmulatorEndpoint.Revoke);
        routes.MapPost("/services/oauth2/introspect", Introspect).ServedOn(HostRoles.Login, EmulatorEndpoint.Introspect);
    }

    private static async Task<IResult> Revoke(HttpContext context, TokenStore tokens)
    {
        var parameters = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string Read(string name) => parameters?[name].ToString() is { Length: > 0 } value ? value : context.Request.Query[name].ToString();

        if (Read("token_type_hint") is { Length: > 0 } hint && hint is not ("access_token" or "refresh_token"))
        {
            return OAuthErrors.Result("unsupported_token_type", "this token type is not supported");
        }

        return tokens.Revoke(Read("token"), context.Host()) ? Results.Ok() : OAuthErrors.Result("invalid_token", "invalid token");
    }

    private static async Task<IResult> Introspect(HttpContext context, TokenStore tokens, EmulatorDirectory directory, HostMap hosts)
    {
        if (!context.Request.HasFormContentType)
        {
            return OAuthErrors.Result("invalid_request", "token is required");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var credentials = ClientCredentials.Read(context.Request, form);
        if (directory.FindApp(credentials.ClientId) is not { } app || !credentials.SecretMatches(app))
        {
            return OAuthErrors.Result("invalid_client", "invalid client credentials");
        }

        // An app may only learn about its own tokens; anything else looks like a dead token.
        var inspection = tokens.Inspect(form["token"].ToString());
        if (inspection is null || inspection.Grant.App != app || !context.Host().Admits(inspection.Grant.User.Org))
        {
            return Json.Result(new JsonObject { ["active"] = false });
        }

        var user = inspection.Grant.User;
        var json = new JsonObject
        {
            ["active"] = true,
            ["scope"] = string.Join(' ', inspection.Grant.Scopes),
            ["client_id"] = app.ClientId,
            ["username"] = user.Username,
            ["sub"] = hosts.IdentityUrl(user),
            ["token_type"] = inspection.TokenType,
        };
        if (inspection.ExpiresAt is { } expiresAt)
        {
            json["exp"] = expiresAt.ToUnixTimeSeconds();
        }

        json["iat"] = inspection.IssuedAt.ToUnixTimeSeconds();
        json["nbf"] = inspection.IssuedAt.ToUnixTimeSeconds();
        return Json.Result(json);
    }
}
