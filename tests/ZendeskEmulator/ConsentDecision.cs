namespace Natero.Connectors.ZendeskEmulator;

/// <summary>The button <see cref="EmulatorBrowser"/> clicks on the Allow access page.</summary>
public enum ConsentDecision
{
    Allow,
    Deny,
}
