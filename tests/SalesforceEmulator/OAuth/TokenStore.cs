using Natero.Connectors.SalesforceEmulator.Hosting;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>Codes, approvals and access tokens, behind one lock: the flows here are short and tests are small.</summary>
internal sealed class TokenStore(TimeProvider time, EmulatorSettings settings)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly List<Grant> _grants = [];
    private readonly Dictionary<string, Grant> _byRefreshToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessSession> _sessions = new(StringComparer.Ordinal);

    public string IssueCode(HostSlot host, AuthorizationRequest request, EmulatorUser user)
    {
        var code = new IssuedCode(TokenValues.AuthorizationCode(), host, request, user, time.GetUtcNow());
        lock (_gate)
        {
            _codes.Add(code.Value, code);
        }

        return code.Value;
    }

    /// <summary>Takes the code out whatever happens next, so a failed exchange burns it too; null when unknown, used or expired.</summary>
    public IssuedCode? RedeemCode(string code)
    {
        lock (_gate)
        {
            if (!_codes.Remove(code, out var issued))
            {
                return null;
            }

            return time.GetUtcNow() - issued.IssuedAt > settings.AuthorizationCodeLifetime ? null : issued;
        }
    }

    public AccessSession IssueForCode(IssuedCode code)
    {
        var now = time.GetUtcNow();
        var grant = new Grant(code.Request.App, code.User, code.Request.Scopes, now);
        lock (_gate)
        {
            _grants.Add(grant);
            if (Scopes.GrantsRefreshToken(grant.Scopes))
            {
                grant.RefreshToken = TokenValues.RefreshToken();
                _byRefreshToken.Add(grant.RefreshToken, grant);
                RevokeApprovalsBeyondLimit(grant);
            }

            return StartSession(grant, now);
        }
    }

    /// <summary>The approval behind a refresh token that still works, or null.</summary>
    public Grant? FindByRefreshToken(string refreshToken)
    {
        lock (_gate)
        {
            return _byRefreshToken.GetValueOrDefault(refreshToken) is { } grant && RefreshTokenWorks(grant) ? grant : null;
        }
    }

    /// <returns>The new session, and the new refresh token when the app rotates them (the old one then stops working).</returns>
    public (AccessSession Session, string? RotatedRefreshToken) Refresh(Grant grant)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            string? rotated = null;
            if (grant.App.RotateRefreshTokens && grant.RefreshToken is { } previous)
            {
                _byRefreshToken.Remove(previous);
                rotated = TokenValues.RefreshToken();
                grant.RefreshToken = rotated;
                grant.RefreshTokenIssuedAt = now;
                _byRefreshToken.Add(rotated, grant);
            }

            return (StartSession(grant, now), rotated);
        }
    }

    /// <summary>The live session of an access token, marked as used now; null when the token is unknown, revoked or timed out.</summary>
    public AccessSession? Authenticate(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_sessions.TryGetValue(accessToken, out var session) || !SessionWorks(session, now))
            {
                return null;
            }

            session.LastUsedAt = now;
            return session;
        }
    }

    /// <summary>
    /// Revokes an access token (that session only) or a refresh token (its approval and every access token
    /// issued from it). False when the token is unknown, already dead, or of an org this host does not serve.
    /// </summary>
    public bool Revoke(string token, HostSlot host)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_byRefreshToken.TryGetValue(token, out var grant) && host.Admits(grant.User.Org))
            {
                RevokeGrant(grant);
                return true;
            }

            if (_sessions.TryGetValue(token, out var session) && SessionWorks(session, now) && host.Admits(session.User.Org))
            {
                session.Ended = true;
                return true;
            }

            return false;
        }
    }

    public TokenInspection? Inspect(string token)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_byRefreshToken.TryGetValue(token, out var grant) && RefreshTokenWorks(grant))
            {
                return new TokenInspection("refresh_token", grant, grant.RefreshTokenIssuedAt, grant.RefreshTokenExpiresAt);
            }

            if (_sessions.TryGetValue(token, out var session) && SessionWorks(session, now))
            {
                return new TokenInspection("access_token", session.Grant, session.IssuedAt, session.LastUsedAt + settings.SessionTimeout);
            }

            return null;
        }
    }

    /// <summary>Whether the user already approved the app for these scopes, so the Allow page is skipped.</summary>
    public bool HasApproval(EmulatorUser user, ConnectedApp app, IReadOnlyList<string> scopes)
    {
        lock (_gate)
        {
            return _grants.Exists(g => !g.Revoked && g.User == user && g.App == app && scopes.All(g.Scopes.Contains));
        }
    }

    public bool IsActive(string token) => Inspect(token) is not null;

    public void ExpireAllAccessTokens()
    {
        lock (_gate)
        {
            foreach (var session in _sessions.Values)
            {
                session.Ended = true;
            }
        }
    }

    public void RevokeAll()
    {
        lock (_gate)
        {
            foreach (var grant in _grants.Where(g => !g.Revoked).ToList())
            {
                RevokeGrant(grant);
            }
        }
    }

    private AccessSession StartSession(Grant grant, DateTimeOffset now)
    {
        var session = new AccessSession(TokenValues.AccessToken(grant.User.Org), grant, now);
        _sessions.Add(session.Value, session);
        return session;
    }

    private void RevokeApprovalsBeyondLimit(Grant newest)
    {
        var holding = _grants
            .Where(g => !g.Revoked && g.RefreshToken is not null && g.User == newest.User && g.App == newest.App)
            .OrderBy(g => g.CreatedAt)
            .ToList();
        foreach (var oldest in holding.Take(Math.Max(0, holding.Count - newest.App.RefreshTokensPerUser)))
        {
            RevokeGrant(oldest);
        }
    }

    private void RevokeGrant(Grant grant)
    {
        grant.Revoked = true;
        if (grant.RefreshToken is { } refreshToken)
        {
            _byRefreshToken.Remove(refreshToken);
        }

        foreach (var session in _sessions.Values.Where(s => s.Grant == grant))
        {
            session.Ended = true;
        }
    }

    private bool RefreshTokenWorks(Grant grant) =>
        !grant.Revoked && (grant.RefreshTokenExpiresAt is not { } expiresAt || time.GetUtcNow() < expiresAt);

    private bool SessionWorks(AccessSession session, DateTimeOffset now) =>
        !session.Ended
        && !session.Grant.Revoked
        && now - session.LastUsedAt <= settings.SessionTimeout
        && session.User.Active
        && session.User.Org.Active
        && !session.Grant.App.IsBlockedIn(session.User.Org)
        && !session.Grant.App.RefusesIp(session.User, IpCheck.Session);
}
