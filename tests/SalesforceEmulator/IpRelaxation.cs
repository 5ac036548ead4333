namespace Natero.Connectors.SalesforceEmulator;

/// <summary>A connected app's "IP Relaxation" OAuth policy, set per org by its admin.</summary>
public enum IpRelaxation
{
    /// <summary>"Enforce IP restrictions": the profile's login IP ranges apply to every token request and session.</summary>
    Enforce,

    /// <summary>
    /// "Enforce IP restrictions, but relax for refresh tokens": the code exchange is checked, refreshes and sessions are not.
    /// </summary>
    RelaxForRefreshTokens,

    /// <summary>"Relax IP restrictions": the profile's login IP ranges never apply to this app.</summary>
    Relax,
}
