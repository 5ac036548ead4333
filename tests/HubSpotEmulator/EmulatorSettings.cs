namespace Natero.Connectors.HubSpotEmulator;

/// <summary>Switches read on every request, so a test may change them at any time.</summary>
public sealed class EmulatorSettings
{
    /// <summary>The <c>expires_in</c> of access tokens: HubSpot's are 30 minutes.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an authorization code can be redeemed (HubSpot does not document it).</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a login, account chooser or consent page stays usable.</summary>
    public TimeSpan LoginPageLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// HubSpot documents that a user who does not grant access is not sent back to the app. True sends the browser to
    /// the callback with <c>error=access_denied</c> instead, as RFC 6749 clients expect.
    /// </summary>
    public bool DenyRedirectsToCallback { get; set; }

    /// <summary>Whether revoking a refresh token also ends the access tokens issued from it (the docs are silent).</summary>
    public bool RevokeEndsAccessTokens { get; set; } = true;
}
