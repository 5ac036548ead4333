using System.Text.Json.Nodes;
using Natero.Connectors.HubSpotEmulator.Hosting;

namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>
/// HubSpot's error bodies. OAuth errors carry HubSpot's own <c>status</c>/<c>message</c> and, since the standardized
/// responses, RFC 6749's <c>error</c>/<c>error_description</c>, plus the <c>correlationId</c> and <c>category</c> of
/// every HubSpot error.
/// </summary>
internal static class HubSpotErrors
{
    public const string ScopesLink = "https://developers.hubspot.com/scopes";

    public static IResult OAuth(string status, string message, string error, int statusCode = StatusCodes.Status400BadRequest) =>
        Json.Result(
            new JsonObject
            {
                ["status"] = status,
                ["message"] = message,
                ["correlationId"] = TokenValues.CorrelationId(),
                ["category"] = "VALIDATION_ERROR",
                ["error"] = error,
                ["error_description"] = message,
            },
            statusCode
        );

    public static IResult Api(int statusCode, string category, string message, JsonArray? errors = null, JsonObject? links = null)
    {
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = TokenValues.CorrelationId(),
        };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        if (links is not null)
        {
            body["links"] = links;
        }

        body["category"] = category;
        return Json.Result(body, statusCode);
    }

    public static IResult MissingScopes(IReadOnlyList<string> requiredScopes) =>
        Api(
            StatusCodes.Status403Forbidden,
            "MISSING_SCOPES",
            $"This app hasn't been granted all required scopes to make this call. Read more about required scopes here: {ScopesLink}.",
            [
                new JsonObject
                {
                    ["message"] = "One or more of the following scopes are required.",
                    ["context"] = new JsonObject
                    {
                        ["requiredGranularScopes"] = new JsonArray([.. requiredScopes.Select(s => JsonValue.Create(s))]),
                    },
                },
            ],
            new JsonObject { ["scopes"] = ScopesLink }
        );
}
