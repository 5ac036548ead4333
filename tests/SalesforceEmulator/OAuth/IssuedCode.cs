namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>An authorization code waiting for its one exchange at the host that issued it.</summary>
internal sealed record IssuedCode(
    string Value,
    Hosting.HostSlot Host,
    AuthorizationRequest Request,
    EmulatorUser User,
    DateTimeOffset IssuedAt
);
