namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>A validated <c>GET /services/oauth2/authorize</c>.</summary>
internal sealed record AuthorizationRequest(
    ConnectedApp App,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string? State,
    string? CodeChallenge,
    string? Nonce,
    string? LoginHint,
    bool ForceLogin,
    bool ForceConsent,
    bool Immediate
);
