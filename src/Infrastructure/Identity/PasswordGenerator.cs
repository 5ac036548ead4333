using System.Security.Cryptography;

namespace Natero.Connectors.Infrastructure.Identity;

internal static class PasswordGenerator
{
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!*#";

    /// <summary>A password that satisfies every rule of the Identity policy, from the system's secure RNG.</summary>
    public static string Generate(int length = 20)
    {
        var all = Lower + Upper + Digits + Symbols;
        var chars = new List<char>
        {
            RandomNumberGenerator.GetItems<char>(Lower, 1)[0],
            RandomNumberGenerator.GetItems<char>(Upper, 1)[0],
            RandomNumberGenerator.GetItems<char>(Digits, 1)[0],
            RandomNumberGenerator.GetItems<char>(Symbols, 1)[0],
        };
        chars.AddRange(RandomNumberGenerator.GetItems<char>(all, length - chars.Count));
        var shuffled = chars.ToArray();
        RandomNumberGenerator.Shuffle<char>(shuffled);
        return new string(shuffled);
    }
}
