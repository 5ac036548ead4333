using System.Security.Cryptography;
using System.Text;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>Random values shaped like Salesforce's, so client code that parses or logs them meets the real shapes.</summary>
internal static class TokenValues
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
    private const string PlainAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary><c>00D...!AQ...</c>: the 15-character org id, <c>!</c>, then the session part.</summary>
    public static string AccessToken(SalesforceOrg org) => $"{org.Id[..15]}!AQ{RandomNumberGenerator.GetString(TokenAlphabet, 94)}";

    public static string RefreshToken() => "5Aep861" + RandomNumberGenerator.GetString(TokenAlphabet, 80);

    /// <summary>
    /// Base64 with <c>.</c> and <c>_</c> and always the <c>==</c> padding, so a client that forgets to
    /// URL-decode the callback's <c>code</c> (<c>%3D%3D</c>) fails here as it would against Salesforce.
    /// </summary>
    public static string AuthorizationCode() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(61)).Replace('+', '.').Replace('/', '_');

    public static string Opaque() => RandomNumberGenerator.GetString(PlainAlphabet, 32);

    /// <summary>Base64(HMAC-SHA256(client secret, id + issued_at)).</summary>
    public static string Signature(string clientSecret, string id, string issuedAt) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(id + issuedAt)));

    /// <summary>The S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)) without padding.</summary>
    public static string CodeChallenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
