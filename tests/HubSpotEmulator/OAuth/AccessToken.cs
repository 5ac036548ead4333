namespace Natero.Connectors.HubSpotEmulator.OAuth;

internal sealed class AccessToken(string value, Grant grant, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;

    public Grant Grant { get; } = grant;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

    /// <summary>Revoked (directly or with its refresh token); an expired token is not revoked.</summary>
    public bool Revoked { get; set; }
}
