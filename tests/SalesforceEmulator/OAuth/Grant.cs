namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>
/// One approval: what a code exchange creates. It holds the refresh token (when the scopes grant one)
/// and owns the access tokens issued from it, so revoking it ends them all.
/// </summary>
internal sealed class Grant(ConnectedApp app, EmulatorUser user, IReadOnlyList<string> scopes, DateTimeOffset createdAt)
{
    public ConnectedApp App { get; } = app;

    public EmulatorUser User { get; } = user;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string? RefreshToken { get; set; }

    public DateTimeOffset RefreshTokenIssuedAt { get; set; } = createdAt;

    public bool Revoked { get; set; }

    public DateTimeOffset? RefreshTokenExpiresAt =>
        RefreshToken is null || App.RefreshTokenLifetime is not { } lifetime ? null : RefreshTokenIssuedAt + lifetime;
}
