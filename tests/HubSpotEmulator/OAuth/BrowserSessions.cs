namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>
/// The browser side of app.hubspot.com: install requests waiting on the login, account chooser or consent page, and
/// the login cookie that lets a second install skip the password.
/// </summary>
internal sealed class BrowserSessions(TimeProvider time, EmulatorSettings settings)
{
    public const string CookieName = "hsemu_session";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingInstall> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorUser> _sessions = new(StringComparer.Ordinal);

    /// <returns>The id the pages carry in their forms.</returns>
    public string Begin(AuthorizationRequest request)
    {
        var id = TokenValues.Opaque();
        lock (_gate)
        {
            _pending.Add(id, new PendingInstall(request, time.GetUtcNow() + settings.LoginPageLifetime));
        }

        return id;
    }

    public PendingInstall? Find(string? id)
    {
        lock (_gate)
        {
            return id is not null && _pending.TryGetValue(id, out var pending) && time.GetUtcNow() < pending.ExpiresAt ? pending : null;
        }
    }

    public void Finish(string id)
    {
        lock (_gate)
        {
            _pending.Remove(id);
        }
    }

    /// <returns>The session id for the cookie.</returns>
    public string LogIn(EmulatorUser user)
    {
        var id = TokenValues.Opaque();
        lock (_gate)
        {
            _sessions.Add(id, user);
        }

        return id;
    }

    public EmulatorUser? CurrentUser(string? sessionId)
    {
        lock (_gate)
        {
            return sessionId is not null && _sessions.TryGetValue(sessionId, out var user) && user.Active ? user : null;
        }
    }
}

/// <summary>An install request between the install URL and the callback; <see cref="Portal"/> is set once chosen.</summary>
internal sealed class PendingInstall(AuthorizationRequest request, DateTimeOffset expiresAt)
{
    public AuthorizationRequest Request { get; } = request;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public Portal? Portal { get; set; }
}
