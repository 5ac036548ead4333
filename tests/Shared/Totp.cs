using System.Security.Cryptography;

namespace Natero.Connectors.Tests.Shared;

/// <summary>
/// What an authenticator app computes (RFC 6238: HMAC-SHA1 over 30-second steps, 6 digits), so that tests can
/// act as the person holding the phone. The app itself checks codes with ASP.NET Core Identity's provider.
/// </summary>
public static class Totp
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>The key as the security page shows it (base32 in groups, any case), without the spaces.</summary>
    public static string KeyFrom(string shown) => shown.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
        // RFC 6238's default, and what authenticator apps compute from an otpauth URI without an algorithm.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(Base32(base32Key), message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A code for now that differs from <paramref name="notThis"/> (a used code): the next step's when they collide.</summary>
    public static string FreshCode(string base32Key, params string[] notThese)
    {
        var now = DateTimeOffset.UtcNow;
        for (var step = 0; step < 3; step++)
        {
            var code = Code(base32Key, now + (step * Step));
            if (!notThese.Contains(code, StringComparer.Ordinal))
            {
                return code;
            }
        }

        throw new InvalidOperationException("No fresh code within the window.");
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
