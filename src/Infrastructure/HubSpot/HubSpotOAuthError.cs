using System.Text.Json;

namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>
/// A token endpoint error: HubSpot's own <c>status</c> (BAD_AUTH_CODE, BAD_REFRESH_TOKEN...) and <c>message</c>, and since
/// the standardised responses also RFC 6749's <c>error</c> and <c>error_description</c>, with a correlation id for support.
/// </summary>
internal sealed record HubSpotOAuthError(string? Status, string? Message, string? Error, string? Description, string? CorrelationId)
{
    public static HubSpotOAuthError From(JsonElement? root) =>
        root is { ValueKind: JsonValueKind.Object } body
            ? new(
                HubSpotClient.Text(body, "status"),
                HubSpotClient.Text(body, "message"),
                HubSpotClient.Text(body, "error"),
                HubSpotClient.Text(body, "error_description"),
                HubSpotClient.Text(body, "correlationId")
            )
            : new(null, null, null, null, null);

    public bool IsInvalidGrant => Error == "invalid_grant" || Status is "BAD_REFRESH_TOKEN" or "BAD_AUTH_CODE";

    public bool IsInvalidClient => Error == "invalid_client" || Status is "BAD_CLIENT_ID" or "BAD_CLIENT_SECRET";

    /// <summary>", BAD_AUTH_CODE: missing or unknown auth code" for a message; empty when HubSpot said nothing.</summary>
    public string Words
    {
        get
        {
            var code = Status ?? Error;
            var text = Message ?? Description;
            return (code, text) switch
            {
                (null, null) => string.Empty,
                ({ } c, null) => ", " + HubSpotWords.Clip(c),
                (null, { } t) => ", " + HubSpotWords.Clip(t),
                ({ } c, { } t) => $", {HubSpotWords.Clip(c)}: {HubSpotWords.Clip(t)}",
            };
        }
    }

    public string Correlation => CorrelationId is null ? string.Empty : $" HubSpot's correlation id: {HubSpotWords.Clip(CorrelationId)}.";

    /// <summary>Never the body itself: HubSpot's messages name no token, but a debugger or a log of the record stays short.</summary>
    public override string ToString() => $"HubSpotOAuthError {{ Status = {Status}, Error = {Error} }}";
}
