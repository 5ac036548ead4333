namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// One request the emulator served. Secrets (codes, tokens, client secrets, verifiers) are kept as sent,
/// because tests assert on them.
/// </summary>
/// <param name="Timestamp">When the request arrived, by the emulator's <see cref="TimeProvider"/>.</param>
/// <param name="Origin">Scheme, host and port the request reached, e.g. <c>http://127.0.0.1:41234</c>.</param>
/// <param name="QueryString">The raw query string including its leading <c>?</c>, or empty.</param>
/// <param name="Authorization">The Authorization header as sent, or null.</param>
/// <param name="StatusCode">The status sent; 0 when the connection was dropped before a response.</param>
/// <param name="Fault">The injected fault that shaped the response, or null.</param>
public sealed record LoggedRequest(
    DateTimeOffset Timestamp,
    string Method,
    EmulatorHostKind HostKind,
    string Origin,
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
