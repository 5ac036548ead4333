namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary>A validated <c>GET /oauth/authorizations/new</c>.</summary>
internal sealed record AuthorizationRequest(
    ZendeskAccount Account,
    OAuthClient Client,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string? State,
    string? CodeChallenge
);

/// <summary>An authorization code waiting for its one exchange at the account that issued it.</summary>
internal sealed record IssuedCode(string Value, AuthorizationRequest Request, ZendeskUser User, DateTimeOffset IssuedAt);

/// <summary>
/// One OAuth token: an access token with, when it expires, a refresh token. Zendesk keeps both in one token
/// object, so revoking it ends both.
/// </summary>
internal sealed class OAuthToken(long id, OAuthClient client, ZendeskUser user, IReadOnlyList<string> scopes, DateTimeOffset createdAt)
{
    public long Id { get; } = id;

    public OAuthClient Client { get; } = client;

    public ZendeskUser User { get; } = user;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public required string AccessToken { get; init; }

    public string? RefreshToken { get; init; }

    public TimeSpan? AccessLifetime { get; init; }

    public TimeSpan? RefreshLifetime { get; init; }

    /// <summary>Whether the authorization behind it used PKCE, which lets a refresh go without the client secret.</summary>
    public bool UsedPkce { get; init; }

    public DateTimeOffset? ExpiresAt => AccessLifetime is { } lifetime ? CreatedAt + lifetime : null;

    public DateTimeOffset? RefreshExpiresAt => RefreshLifetime is { } lifetime && RefreshToken is not null ? CreatedAt + lifetime : null;

    public DateTimeOffset? UsedAt { get; set; }

    public bool Revoked { get; set; }

    /// <summary>
    /// Set by <see cref="ZendeskEmulatorHost.ExpireAllAccessTokens"/>: the access token is dead, the refresh token is not.
    /// </summary>
    public bool AccessExpiredEarly { get; set; }
}
