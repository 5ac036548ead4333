namespace Natero.Connectors.SalesforceEmulator;

/// <summary>The button <see cref="EmulatorBrowser"/> clicks on the Allow Access page.</summary>
public enum ConsentDecision
{
    Allow,
    Deny,
}
