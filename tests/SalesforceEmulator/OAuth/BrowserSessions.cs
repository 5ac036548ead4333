using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>
/// The browser side of a login host: authorize requests waiting on the login or Allow page, and the login
/// session cookie that lets a second authorize skip the password, as Salesforce does.
/// </summary>
internal sealed class BrowserSessions(TimeProvider time, EmulatorSettings settings)
{
    public const string CookieName = "sfemu_sid";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingAuthorization> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LoginSession> _sessions = new(StringComparer.Ordinal);

    /// <returns>The id the login and Allow pages carry in their forms.</returns>
    public string Begin(HostSlot host, AuthorizationRequest request)
    {
        var id = TokenValues.Opaque();
        lock (_gate)
        {
            _pending.Add(id, new PendingAuthorization(host, request, time.GetUtcNow() + settings.LoginPageLifetime));
        }

        return id;
    }

    public AuthorizationRequest? Find(string? id, HostSlot host)
    {
        lock (_gate)
        {
            return
                id is not null && _pending.TryGetValue(id, out var pending) && pending.Host == host && time.GetUtcNow() < pending.ExpiresAt
                ? pending.Request
                : null;
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
    public string LogIn(HostSlot host, EmulatorUser user)
    {
        var id = TokenValues.Opaque();
        lock (_gate)
        {
            _sessions.Add(id, new LoginSession(host, user) { LastUsedAt = time.GetUtcNow() });
        }

        return id;
    }

    /// <summary>The user logged in on this host with this cookie, or null when there is none or it timed out.</summary>
    public EmulatorUser? CurrentUser(string? sessionId, HostSlot host)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (
                sessionId is null
                || !_sessions.TryGetValue(sessionId, out var session)
                || session.Host != host
                || now - session.LastUsedAt > settings.SessionTimeout
                || !session.User.Active
            )
            {
                return null;
            }

            session.LastUsedAt = now;
            return session.User;
        }
    }

    private sealed record PendingAuthorization(HostSlot Host, AuthorizationRequest Request, DateTimeOffset ExpiresAt);

    private sealed class LoginSession(HostSlot host, EmulatorUser user)
    {
        public HostSlot Host { get; } = host;

        public EmulatorUser User { get; } = user;

        public DateTimeOffset LastUsedAt { get; set; }
    }
}
