using System.Security.Cryptography;
using System.Text;

namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary>Random values shaped like Zendesk's (see the examples in its OAuth article).</summary>
internal static class TokenValues
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string LowerAlphanumeric = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>e.g. <c>gErypPlm4dOVgGRvA1ZzMH5MQ3nLo8bo</c>.</summary>
    public static string AccessToken() => RandomNumberGenerator.GetString(Alphanumeric, 32);

    /// <summary>e.g. <c>31048ba4d7c601302f3173f243da835f</c>.</summary>
    public static string RefreshToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>e.g. <c>7xqwtlf3rrdj8uyeb1yf</c>.</summary>
    public static string AuthorizationCode() => RandomNumberGenerator.GetString(LowerAlphanumeric, 20);

    public static string Opaque() => Base64Url(RandomNumberGenerator.GetBytes(24));

    /// <summary>The S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)) without padding.</summary>
    public static string CodeChallenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
