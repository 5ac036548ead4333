using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.Rest;

/// <summary>REST API errors: a JSON array of <c>{message, errorCode}</c>.</summary>
internal static class RestErrors
{
    public static IResult Result(int statusCode, string errorCode, string message) =>
        Json.Result(new JsonArray(new JsonObject { ["message"] = message, ["errorCode"] = errorCode }), statusCode);

    public static IResult InvalidSession(HttpContext context, string message)
    {
        context.Response.Headers.WWWAuthenticate = "Token";
        return Result(StatusCodes.Status401Unauthorized, "INVALID_SESSION_ID", message);
    }

    public static IResult NotFound() => Result(StatusCodes.Status404NotFound, "NOT_FOUND", "The requested resource does not exist");
}
