using System.Security.Cryptography;
using System.Text;

namespace Natero.Connectors.Application.Common.Providers;

/// <summary>The random values of one OAuth attempt: state, PKCE verifier and the browser-binding value.</summary>
public static class OAuthSecrets
{
    /// <summary>256 bits from the system's secure generator, base64url without padding.</summary>
    public static string NewRandomValue() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>RFC 7636 S256: base64url(SHA-256(ASCII(verifier))).</summary>
    public static string CodeChallenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>Only this hash of a state or binding value is stored, so a database reader cannot replay it.</summary>
    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
