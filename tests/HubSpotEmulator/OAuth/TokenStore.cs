namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>Codes, grants (refresh tokens) and access tokens, behind one lock: the flows are short and tests are small.</summary>
internal sealed class TokenStore(TimeProvider time, EmulatorSettings settings)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _grants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessToken> _accessTokens = new(StringComparer.Ordinal);

    public string IssueCode(AuthorizationRequest request, Portal portal, EmulatorUser user, IReadOnlyList<string> scopes)
    {
        var code = new IssuedCode(
            TokenValues.AuthorizationCode(portal.DataHostingLocation),
            request,
            portal,
            user,
            scopes,
            time.GetUtcNow()
        );
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

    public AccessToken IssueForCode(IssuedCode code)
    {
        var now = time.GetUtcNow();
        var grant = new Grant(
            code.Request.App,
            code.Portal,
            code.User,
            code.Scopes,
            TokenValues.RefreshToken(code.Portal.DataHostingLocation),
            now
        );
        lock (_gate)
        {
            _grants.Add(grant.RefreshToken, grant);
            return IssueAccessToken(grant, now);
        }
    }

    /// <summary>The grant behind a refresh token that still works, or null.</summary>
    public Grant? FindByRefreshToken(string? refreshToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return null;
        }

        lock (_gate)
        {
            return _grants.GetValueOrDefault(refreshToken) is { Revoked: false } grant && grant.User.Active ? grant : null;
        }
    }

    public AccessToken Refresh(Grant grant)
    {
        lock (_gate)
        {
            return IssueAccessToken(grant, time.GetUtcNow());
        }
    }

    /// <summary>What the API makes of a bearer token.</summary>
    public BearerCheck Authenticate(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return BearerCheck.Missing;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_accessTokens.TryGetValue(token, out var access) || access.Revoked || !access.Grant.User.Active)
            {
                return BearerCheck.Invalid;
            }

            return now >= access.ExpiresAt ? BearerCheck.Expired(now - access.ExpiresAt) : BearerCheck.Valid(access);
        }
    }

    /// <summary>A live access token or refresh token of this app, for introspection; null when inactive or another app's.</summary>
    public TokenInspection? Inspect(string? token, HubSpotApp app)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            if (_grants.GetValueOrDefault(token) is { Revoked: false } grant && grant.User.Active)
            {
                return grant.App == app ? new TokenInspection(grant, null) : null;
            }
        }

        return Authenticate(token).Token is { } access && access.Grant.App == app ? new TokenInspection(access.Grant, access) : null;
    }

    /// <summary>
    /// Revokes a refresh token (and, per <see cref="EmulatorSettings.RevokeEndsAccessTokens"/>, its access tokens) or an
    /// access token of this app. Unknown tokens and other apps' tokens are left alone.
    /// </summary>
    public bool Revoke(string? token, HubSpotApp app)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        lock (_gate)
        {
            if (_grants.GetValueOrDefault(token) is { Revoked: false } grant && grant.App == app)
            {
                RevokeGrant(grant, settings.RevokeEndsAccessTokens);
                return true;
            }

            if (_accessTokens.GetValueOrDefault(token) is { Revoked: false } access && access.Grant.App == app)
            {
                access.Revoked = true;
                return true;
            }

            return false;
        }
    }

    public bool IsActive(string token)
    {
        lock (_gate)
        {
            if (_grants.GetValueOrDefault(token) is { } grant)
            {
                return !grant.Revoked && grant.User.Active;
            }
        }

        return Authenticate(token).Token is not null;
    }

    public void ExpireAllAccessTokens()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var access in _accessTokens.Values.Where(a => a.ExpiresAt > now))
            {
                access.ExpiresAt = now;
            }
        }
    }

    public void RevokeAll()
    {
        lock (_gate)
        {
            foreach (var grant in _grants.Values.Where(g => !g.Revoked).ToList())
            {
                RevokeGrant(grant, endAccessTokens: true);
            }
        }
    }

    private AccessToken IssueAccessToken(Grant grant, DateTimeOffset now)
    {
        var access = new AccessToken(TokenValues.AccessToken(), grant, now, now + settings.AccessTokenLifetime);
        _accessTokens.Add(access.Value, access);
        return access;
    }

    private void RevokeGrant(Grant grant, bool endAccessTokens)
    {
        grant.Revoked = true;
        if (!endAccessTokens)
        {
            return;
        }

        foreach (var access in _accessTokens.Values.Where(a => a.Grant == grant))
        {
            access.Revoked = true;
        }
    }
}
