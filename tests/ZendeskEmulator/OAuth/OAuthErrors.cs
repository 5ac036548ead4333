using System.Text.Json.Nodes;
using Natero.Connectors.ZendeskEmulator.Hosting;

namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary>
/// Zendesk's OAuth error bodies, <c>{"error", "error_description"}</c>. The <c>invalid_grant</c> and
/// <c>invalid_token</c> texts are Zendesk's own (docs/providers/zendesk.md); the others are the texts of the
/// OAuth server library whose wording those two match (an assumption).
/// </summary>
internal static class OAuthErrors
{
    public const string InvalidGrant =
        "The provided access grant is invalid, expired, or revoked (e.g. invalid assertion, expired authorization token, "
        + "bad end-user password credentials, or mismatching authorization code and redirection URI).";

    public const string InvalidToken = "The access token provided is expired, revoked, malformed or invalid for other reasons.";

    public const string InvalidClient =
        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";

    public const string InvalidRequest =
        "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.";

    public const string UnsupportedGrantType = "The authorization grant type is not supported by the authorization server.";

    public const string UnsupportedResponseType = "The authorization server does not support this response type.";

    public const string InvalidScope = "The requested scope is invalid, unknown, or malformed.";

    public const string InvalidRedirectUri = "The requested redirect uri is malformed or doesn't match client redirect URI.";

    public const string AccessDenied = "The end-user or authorization server denied the request";

    public static IResult Result(string error, string description, int statusCode = StatusCodes.Status400BadRequest) =>
        Json.Result(new JsonObject { ["error"] = error, ["error_description"] = description }, statusCode);
}
