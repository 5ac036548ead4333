using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;
using Natero.Connectors.SalesforceEmulator.OAuth;

namespace Natero.Connectors.SalesforceEmulator.Identity;

/// <summary>The identity URL (<c>id</c> of the token response) and OpenID Connect's userinfo.</summary>
internal static class IdentityEndpoints
{
    public static void MapIdentity(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/id/{orgId}/{userId}", Identity).ServedOn(HostRoles.Identity, EmulatorEndpoint.Identity);
        routes
            .MapMethods("/services/oauth2/userinfo", ["GET", "POST"], UserInfo)
            .ServedOn(HostRoles.Login | HostRoles.Instance, EmulatorEndpoint.UserInfo);
    }

    private static IResult Identity(HttpContext context, string orgId, string userId, TokenStore tokens, HostMap hosts)
    {
        var token = BearerToken.Read(context.Request) ?? context.Request.Query["oauth_token"].ToString();
        if (Authenticate(context, tokens, token) is not { } user)
        {
            return BadToken();
        }

        if (!SalesforceId.Same(orgId, user.Org.Id) || !SalesforceId.Same(userId, user.Id))
        {
            return Results.Text("Bad_Id", "text/plain", statusCode: StatusCodes.Status403Forbidden);
        }

        return Document(IdentityDocument.Identity(user, hosts), context);
    }

    private static IResult UserInfo(HttpContext context, TokenStore tokens, HostMap hosts) =>
        Authenticate(context, tokens, BearerToken.Read(context.Request)) is { } user
            ? Document(IdentityDocument.UserInfo(user, hosts), context)
            : BadToken();

    private static EmulatorUser? Authenticate(HttpContext context, TokenStore tokens, string? token) =>
        tokens.Authenticate(token) is { } session && context.Host().Admits(session.User.Org) ? session.User : null;

    /// <summary>The identity service answers a bad or expired token with plain text, not JSON.</summary>
    private static IResult BadToken() => Results.Text("Bad_OAuth_Token", "text/plain", statusCode: StatusCodes.Status403Forbidden);

    private static IResult Document(JsonObject document, HttpContext context) =>
        Results.Text(IdentityDocument.Render(document, context.Request.Query["version"]), Json.ContentType);
}
