using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>Random opaque values, shaped loosely like HubSpot's (tokens up to 300 characters, region-prefixed refresh tokens).</summary>
internal static class TokenValues
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string AccessToken() => "C" + Base64Url(RandomNumberGenerator.GetBytes(108));

    /// <summary><c>na1-</c> and a UUID-like body: the data centre comes first, as in HubSpot's refresh tokens.</summary>
    public static string RefreshToken(string region) => $"{region}-{HexGroups()}";

    public static string AuthorizationCode(string region) => $"{region}-{HexGroups()}";

    public static string Opaque() => RandomNumberGenerator.GetString(Alphanumeric, 32);

    /// <summary>A random (version 4) UUID for <c>correlationId</c>.</summary>
    public static string CorrelationId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    /// <summary>The S256 code challenge of a PKCE verifier: base64url(SHA-256(verifier)) without padding.</summary>
    public static string CodeChallenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string HexGroups()
    {
        var hex = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return string.Create(CultureInfo.InvariantCulture, $"{hex[..4]}-{hex[4..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..]}");
    }
}
