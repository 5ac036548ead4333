namespace Natero.Connectors.ZendeskEmulator;

/// <summary>
/// One request the emulator served. Codes, tokens, secrets, verifiers and passwords are replaced by
/// <see cref="RequestLog.Redacted"/>, in the query, in the form or JSON body and in the Authorization header, so
/// the log can be printed in a test's output.
/// </summary>
/// <param name="Timestamp">When the request arrived, by the emulator's <see cref="TimeProvider"/>.</param>
/// <param name="Subdomain">The account the request reached.</param>
/// <param name="Origin">Scheme, host and port the request reached, e.g. <c>http://127.0.0.1:41234</c>.</param>
/// <param name="Query">The query parameters, redacted.</param>
/// <param name="Body">The form fields or top-level JSON fields of the body, redacted.</param>
/// <param name="Authorization">The Authorization header's scheme with its value redacted (<c>Bearer [redacted]</c>), or null.</param>
/// <param name="StatusCode">The status sent; 0 when the connection was dropped before a response.</param>
/// <param name="Fault">The injected fault that shaped the response, or null.</param>
public sealed record LoggedRequest(
    DateTimeOffset Timestamp,
    string Method,
    string Subdomain,
    string Origin,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Body,
    string? Authorization,
    int StatusCode,
    string? Fault
)
{
    /// <summary>The <c>grant_type</c> of a token request.</summary>
    public string? GrantType => Body.GetValueOrDefault("grant_type");
}
