using System.Security.Cryptography;

namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// Salesforce record ids: 15 case-sensitive characters plus a 3-character suffix that encodes their
/// letter case, which is what makes the 18-character form safe for case-insensitive systems.
/// </summary>
internal static class SalesforceId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>A new id with a key prefix such as <c>00D</c> (org), <c>005</c> (user) or <c>001</c> (account).</summary>
    public static string New(string keyPrefix) => To18(keyPrefix + "5g0000" + RandomNumberGenerator.GetString(Base62, 6));

    public static string To18(string id15)
    {
        if (id15.Length != 15)
        {
            throw new ArgumentException("A Salesforce id has 15 characters before its suffix.", nameof(id15));
        }

        Span<char> suffix = stackalloc char[3];
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id15[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            suffix[chunk] = SuffixAlphabet[bits];
        }

        return id15 + new string(suffix);
    }

    /// <summary>Whether a 15- or 18-character id names the same record as <paramref name="id18"/>.</summary>
    public static bool Same(string candidate, string id18) =>
        candidate.Length == 15
            ? string.Equals(candidate, id18[..15], StringComparison.Ordinal)
            : string.Equals(candidate, id18, StringComparison.Ordinal);
}
