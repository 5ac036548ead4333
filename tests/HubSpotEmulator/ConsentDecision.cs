namespace Natero.Connectors.HubSpotEmulator;

/// <summary>What the person at the consent page clicks.</summary>
public enum ConsentDecision
{
    /// <summary>"Connect app" (<c>id="approve"</c>).</summary>
    Approve,

    /// <summary>"Cancel" (<c>id="deny"</c>).</summary>
    Deny,
}
