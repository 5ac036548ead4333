namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary>
/// The browser side of an account: authorize requests waiting on the sign-in or Allow page, and the sign-in
/// cookie that lets a second authorize skip the password. Cookies ignore ports, so each account's cookie has
/// its own name.
/// </summary>
internal sealed class BrowserSessions(TimeProvider time, EmulatorSettings settings)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (AuthorizationRequest Request, DateTimeOffset ExpiresAt)> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ZendeskUser User, DateTimeOffset ExpiresAt)> _sessions = new(StringComparer.Ordinal);

    public static string CookieName(ZendeskAccount account) => $"zdemu_{account.Subdomain}_session";

    /// <returns>The id the sign-in and Allow pages carry in their forms.</returns>
    public string Begin(AuthorizationRequest request)
    {
        var id = TokenValues.Opaque();
        lock (_gate)
        {
            _pending.Add(id, (request, time.GetUtcNow() + settings.LoginPageLifetime));
        }

        return id;
    }

    public AuthorizationRequest? Find(string? id, ZendeskAccount account)
    {
        lock (_gate)
        {
            return
                id is not null
                && _pending.TryGetValue(id, out var pending)
                && ReferenceEquals(pending.Request.Account, account)
                && time.GetUtcNow() < pending.ExpiresAt
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
    public string SignIn(ZendeskUser user)
    {
        var id = TokenValues.Opaque();
        lock (_gate)
        {
            _sessions.Add(id, (user, time.GetUtcNow() + settings.SessionLifetime));
        }

        return id;
    }

    public ZendeskUser? CurrentUser(HttpRequest request, ZendeskAccount account)
    {
        var sessionId = request.Cookies[CookieName(account)];
        lock (_gate)
        {
            return
                sessionId is not null
                && _sessions.TryGetValue(sessionId, out var session)
                && ReferenceEquals(session.User.Account, account)
                && !session.User.Suspended
                && time.GetUtcNow() < session.ExpiresAt
                ? session.User
                : null;
        }
    }
}
