namespace Natero.Connectors.ZendeskEmulator;

/// <summary>Emulator-wide switches, read on every request so a test may change them at any time.</summary>
public sealed class EmulatorSettings
{
    /// <summary>How long an authorization code may wait for its exchange: Zendesk documents 120 seconds.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long the sign-in and Allow pages of one authorize request stay usable.</summary>
    public TimeSpan LoginPageLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a browser sign-in (the session cookie) lets a second authorize skip the password.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Community threads report that <c>DELETE /api/v2/oauth/tokens/current.json</c> answers 204 but leaves the
    /// token working when the token lacks the <c>write</c> scope. Off (the documented behaviour) by default; on,
    /// the emulator does the same, so a client can prove it verifies a revocation.
    /// </summary>
    public bool RevokeCurrentNeedsWriteScope { get; set; }
}
