namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>One install approval: the refresh token and the scopes it carries.</summary>
internal sealed class Grant(
    HubSpotApp app,
    Portal portal,
    EmulatorUser user,
    IReadOnlyList<string> scopes,
    string refreshToken,
    DateTimeOffset createdAt
)
{
    public HubSpotApp App { get; } = app;

    public Portal Portal { get; } = portal;

    public EmulatorUser User { get; } = user;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public string RefreshToken { get; } = refreshToken;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public bool Revoked { get; set; }
}
