using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Natero.Connectors.Application.ApiKeys;

/// <summary>
/// API keys look like <c>ntr_</c> + 43 base62 characters (32 random bytes) + a 6-character base62
/// checksum of those. The checksum lets a mistyped or made-up key be refused without a database
/// query, and lets secret scanners recognise a leaked key. Only the SHA-256 of the whole key is stored.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "ntr_";
    private const int BodyLength = 43;
    private const int ChecksumLength = 6;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static int Length => Prefix.Length + BodyLength + ChecksumLength;

    /// <summary>How much of a key is shown after it was created, to recognise it: <c>ntr_</c> and 8 characters.</summary>
    public static int DisplayPrefixLength => Prefix.Length + 8;

    /// <summary>A new key: its plaintext (shown once), the part shown afterwards to recognise it, and the hash to store.</summary>
    public static (string Plaintext, string DisplayPrefix, string Hash) Generate()
    {
        var body = Base62(RandomNumberGenerator.GetBytes(32), BodyLength);
        var plaintext = Prefix + body + Checksum(body);
        return (plaintext, plaintext[..DisplayPrefixLength], Hash(plaintext));
    }

    /// <summary>Whether the text has the form of a key and its checksum matches: no database needed.</summary>
    public static bool HasValidShape(string? candidate)
    {
        if (candidate is null || candidate.Length != Length || !candidate.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = candidate.AsSpan(Prefix.Length);
        foreach (var c in rest)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        var body = rest[..BodyLength].ToString();
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Checksum(body)),
            Encoding.ASCII.GetBytes(rest[BodyLength..].ToString())
        );
    }

    public static string Hash(string plaintext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

    private static string Checksum(string body) => Base62(SHA256.HashData(Encoding.ASCII.GetBytes(body))[..4], ChecksumLength);

    /// <summary>Big-endian base62, left-padded with zeros to <paramref name="length"/>.</summary>
    private static string Base62(byte[] bytes, int length)
    {
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var chars = new char[length];
        for (var i = length - 1; i >= 0; i--)
        {
            value = BigInteger.DivRem(value, 62, out var digit);
            chars[i] = Alphabet[(int)digit];
        }

        return new string(chars);
    }
}
