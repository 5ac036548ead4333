namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>An access token: a session that lives while it is used within the session timeout.</summary>
internal sealed class AccessSession(string value, Grant grant, DateTimeOffset issuedAt)
{
    public string Value { get; } = value;

    public Grant Grant { get; } = grant;

    public EmulatorUser User => Grant.User;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public DateTimeOffset LastUsedAt { get; set; } = issuedAt;

    public bool Ended { get; set; }
}
