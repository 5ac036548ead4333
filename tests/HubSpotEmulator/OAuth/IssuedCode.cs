namespace Natero.Connectors.HubSpotEmulator.OAuth;

internal sealed record IssuedCode(
    string Value,
    AuthorizationRequest Request,
    Portal Portal,
    EmulatorUser User,
    IReadOnlyList<string> Scopes,
    DateTimeOffset IssuedAt
);
