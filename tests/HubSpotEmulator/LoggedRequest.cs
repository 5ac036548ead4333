namespace Natero.Connectors.HubSpotEmulator;

/// <summary>
/// One request the emulator served. Secrets (client secrets, codes, verifiers, tokens, passwords, bearer tokens) are
/// replaced by <see cref="RequestLog.Redacted"/>, so the log can be printed or attached to a failing test as it is.
/// </summary>
/// <param name="Timestamp">When the request arrived, by the emulator's <see cref="TimeProvider"/>.</param>
/// <param name="QueryString">The query string including its leading <c>?</c> (secrets redacted), or empty.</param>
/// <param name="Authorization">The Authorization header with its credentials redacted (<c>Bearer [redacted]</c>), or null.</param>
/// <param name="StatusCode">The status sent; 0 when the connection was dropped before a response.</param>
/// <param name="Fault">The injected fault that shaped the response, or null.</param>
public sealed record LoggedRequest(
    DateTimeOffset Timestamp,
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    string? Authorization,
    int StatusCode,
    string? Fault
)
{
    /// <summary>The form field <c>grant_type</c> of a token request.</summary>
    public string? GrantType => Form.GetValueOrDefault("grant_type");
}
