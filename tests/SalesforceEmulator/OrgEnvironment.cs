namespace Natero.Connectors.SalesforceEmulator;

/// <summary>Where an org lives: its users log in through the production or the sandbox login host.</summary>
public enum OrgEnvironment
{
    Production,
    Sandbox,
}
