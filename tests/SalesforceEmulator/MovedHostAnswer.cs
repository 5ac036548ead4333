namespace Natero.Connectors.SalesforceEmulator;

/// <summary>What the host an org moved away from answers afterwards (see <see cref="SalesforceEmulatorHost.MigrateOrg"/>).</summary>
public enum MovedHostAnswer
{
    /// <summary>REST calls get 401 <c>INVALID_SESSION_ID</c>; everything else 404: the host no longer knows the org.</summary>
    InvalidSession,

    /// <summary>
    /// Every request gets a 307 to the same path and query on the org's current host, as Salesforce redirects a previous
    /// My Domain host name.
    /// </summary>
    Redirect,
}
