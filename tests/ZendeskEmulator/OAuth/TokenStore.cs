namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary>Codes and tokens behind one lock: the flows here are short and tests are small.</summary>
internal sealed class TokenStore(TimeProvider time, EmulatorSettings settings)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly List<OAuthToken> _tokens = [];
    private long _nextId = 36_000_000_001;

    public string IssueCode(AuthorizationRequest request, ZendeskUser user)
    {
        var code = new IssuedCode(TokenValues.AuthorizationCode(), request, user, time.GetUtcNow());
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
            return _codes.Remove(code, out var issued) && time.GetUtcNow() - issued.IssuedAt <= settings.AuthorizationCodeLifetime
                ? issued
                : null;
        }
    }

    public OAuthToken Issue(
        OAuthClient client,
        ZendeskUser user,
        IReadOnlyList<string> scopes,
        TimeSpan? accessLifetime,
        TimeSpan? refreshLifetime,
        bool usedPkce
    )
    {
        lock (_gate)
        {
            var token = new OAuthToken(_nextId++, client, user, scopes, time.GetUtcNow())
            {
                AccessToken = TokenValues.AccessToken(),
                RefreshToken = accessLifetime is null ? null : TokenValues.RefreshToken(),
                AccessLifetime = accessLifetime,
                RefreshLifetime = accessLifetime is null ? null : refreshLifetime,
                UsedPkce = usedPkce,
            };
            _tokens.Add(token);
            return token;
        }
    }

    /// <summary>The token of a refresh token that still works, or null.</summary>
    public OAuthToken? FindByRefreshToken(string refreshToken)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _tokens.Find(t => t.RefreshToken == refreshToken && RefreshWorks(t, now));
        }
    }

    /// <summary>Replaces a token by a new one: Zendesk invalidates the previous access and refresh tokens on every refresh.</summary>
    public OAuthToken Rotate(OAuthToken previous, TimeSpan accessLifetime, TimeSpan refreshLifetime)
    {
        lock (_gate)
        {
            previous.Revoked = true;
        }

        return Issue(previous.Client, previous.User, previous.Scopes, accessLifetime, refreshLifetime, previous.UsedPkce);
    }

    /// <summary>The token of a working access token, marked as used now; null when unknown, revoked or expired.</summary>
    public OAuthToken? Authenticate(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (_gate)
        {
            var token = _tokens.Find(t => t.AccessToken == accessToken && AccessWorks(t, now));
            if (token is not null)
            {
                token.UsedAt = now;
            }

            return token;
        }
    }

    public OAuthToken? Find(long id)
    {
        lock (_gate)
        {
            return _tokens.Find(t => t.Id == id && !t.Revoked);
        }
    }

    public void Revoke(OAuthToken token)
    {
        lock (_gate)
        {
            token.Revoked = true;
        }
    }

    public bool IsActive(string token)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _tokens.Exists(t =>
                (t.AccessToken == token && AccessWorks(t, now)) || (t.RefreshToken == token && RefreshWorks(t, now))
            );
        }
    }

    public void ExpireAllAccessTokens()
    {
        lock (_gate)
        {
            _tokens.ForEach(t => t.AccessExpiredEarly = true);
        }
    }

    public void RevokeAll()
    {
        lock (_gate)
        {
            _tokens.ForEach(t => t.Revoked = true);
        }
    }

    private static bool AccessWorks(OAuthToken token, DateTimeOffset now) =>
        !token.Revoked && !token.AccessExpiredEarly && !token.User.Suspended && (token.ExpiresAt is not { } expiresAt || now < expiresAt);

    private static bool RefreshWorks(OAuthToken token, DateTimeOffset now) =>
        !token.Revoked && !token.User.Suspended && token.RefreshExpiresAt is { } expiresAt && now < expiresAt;
}
