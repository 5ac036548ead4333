using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Natero.Connectors.ZendeskEmulator.Hosting;
using Natero.Connectors.ZendeskEmulator.OAuth;

namespace Natero.Connectors.ZendeskEmulator.Api;

/// <summary>Bearer authentication and the Support API's error bodies.</summary>
internal static class ApiAccess
{
    /// <summary>Zendesk's answer to an agent-only endpoint called by an end user (as reported by API clients' issues).</summary>
    public const string ForbiddenDescription =
        "You do not have access to this page. Please contact the account owner of this help desk for further help.";

    public static string? BearerToken(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : null;

    /// <summary>The token behind a working Bearer token of this account, or the 401 <c>invalid_token</c> answer.</summary>
    public static (OAuthToken? Token, IResult? Refusal) Authenticate(HttpContext context, TokenStore tokens)
    {
        var token = tokens.Authenticate(BearerToken(context.Request));
        return token is not null && token.User.Account == context.Account()
            ? (token, null)
            : (null, OAuthErrors.Result("invalid_token", OAuthErrors.InvalidToken, StatusCodes.Status401Unauthorized));
    }

    public static IResult Forbidden() =>
        Json.Result(new JsonObject { ["error"] = "Forbidden", ["description"] = ForbiddenDescription }, StatusCodes.Status403Forbidden);

    public static IResult NotFound() =>
        Json.Result(new JsonObject { ["error"] = "RecordNotFound", ["description"] = "Not found" }, StatusCodes.Status404NotFound);

    /// <summary>Maps the path with and without Zendesk's optional <c>.json</c> suffix.</summary>
    public static void MapApi(this IEndpointRouteBuilder routes, string method, string path, Delegate handler, EmulatorEndpoint endpoint)
    {
        routes.MapMethods(path, [method], handler).Tagged(endpoint);
        routes.MapMethods(path + ".json", [method], handler).Tagged(endpoint);
    }
}
