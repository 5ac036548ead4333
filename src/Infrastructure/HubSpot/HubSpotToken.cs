namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>The v3 token endpoint's 200 answer. <c>expires_in</c> is in seconds (1800); hub and user ids come along.</summary>
internal sealed record HubSpotToken(
    string AccessToken,
    string? RefreshToken,
    int? ExpiresIn,
    string? HubId,
    string? UserId,
    IReadOnlyList<string> Scopes
)
{
    public override string ToString() => $"HubSpotToken {{ HubId = {HubId}, UserId = {UserId}, ExpiresIn = {ExpiresIn} }}";
}

/// <summary>What introspection says about an active token: the portal, its domain, and who installed the app.</summary>
internal sealed record HubSpotTokenInfo(
    string HubId,
    string? HubDomain,
    string UserId,
    string? User,
    string? ClientId,
    IReadOnlyList<string> Scopes
);

/// <summary>The answer to the contacts probe: its status and, for an error, HubSpot's category, message and missing scopes.</summary>
internal sealed record HubSpotProbe(
    int StatusCode,
    string? Category,
    string? Message,
    IReadOnlyList<string> RequiredScopes,
    string? ErrorCode = null
)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
