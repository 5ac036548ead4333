using System.Text.Json.Nodes;
using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

internal static class OAuthErrors
{
    /// <summary>Every token-endpoint error: HTTP 400 with <c>{"error", "error_description"}</c>.</summary>
    public static IResult Result(string error, string description, int statusCode = StatusCodes.Status400BadRequest) =>
        Json.Result(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode);
}
