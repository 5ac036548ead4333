namespace Natero.Connectors.SalesforceEmulator;

/// <summary>Org-wide switches, read on every request so a test may change them at any time.</summary>
public sealed class EmulatorSettings
{
    /// <summary>
    /// Session timeout: an access token unused for longer stops working (401 <c>INVALID_SESSION_ID</c>,
    /// identity 403 <c>Bad_OAuth_Token</c>). Salesforce tokens carry no <c>expires_in</c>; this is how they expire.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long an authorization code may wait for its exchange.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Salesforce shows the Allow page only until the user has approved the app (and never to users an
    /// admin pre-authorized); on, it is shown on every authorize, which keeps browser tests on one path.
    /// </summary>
    public bool AlwaysAskForConsent { get; set; }

    /// <summary>How long the login and Allow pages of one authorize request stay usable.</summary>
    public TimeSpan LoginPageLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
