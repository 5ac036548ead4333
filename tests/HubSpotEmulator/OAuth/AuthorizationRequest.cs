namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>A checked install URL: what the app asked for and where to send the browser back.</summary>
/// <param name="Portal">The account named in the URL (<c>/oauth/{hubId}/authorize</c>), or null to let the user choose.</param>
/// <param name="CodeChallenge">The PKCE challenge, or null when none was sent.</param>
/// <param name="CodeChallengeMethod"><c>S256</c> or <c>plain</c>.</param>
internal sealed record AuthorizationRequest(
    HubSpotApp App,
    string RedirectUri,
    IReadOnlyList<string> RequiredScopes,
    IReadOnlyList<string> OptionalScopes,
    string? State,
    Portal? Portal,
    string? CodeChallenge,
    string CodeChallengeMethod
);
