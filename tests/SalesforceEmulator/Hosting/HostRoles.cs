namespace Natero.Connectors.SalesforceEmulator.Hosting;

/// <summary>What a host serves: an endpoint answers only on hosts that have one of its roles.</summary>
[Flags]
internal enum HostRoles
{
    None = 0,
    Login = 1,
    Identity = 2,
    Instance = 4,
}
