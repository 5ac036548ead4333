namespace Natero.Connectors.SalesforceEmulator;

/// <summary>One emulated host: its kind, its base URL and, for a My Domain host, the org it belongs to.</summary>
public sealed record EmulatorHostInfo(EmulatorHostKind Kind, Uri BaseUrl, SalesforceOrg? Org);
