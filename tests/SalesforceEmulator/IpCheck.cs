namespace Natero.Connectors.SalesforceEmulator;

/// <summary>The uses of an app that a profile's login IP ranges can refuse.</summary>
internal enum IpCheck
{
    CodeExchange,
    Refresh,
    Session,
}
