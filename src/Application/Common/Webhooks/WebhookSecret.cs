using System.Security.Cryptography;

namespace Natero.Connectors.Application.Common.Webhooks;

/// <summary>An endpoint's signing secret as Standard Webhooks writes it: <c>whsec_</c> and 32 random bytes in base64.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="value"/> looks like a whole secret (used to keep secrets out of audit data and logs).</summary>
    public static bool HasValidShape(string value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length == Prefix.Length + 44;
}
