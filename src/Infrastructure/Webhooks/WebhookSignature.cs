using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Natero.Connectors.Application.Common.Webhooks;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// The <c>webhook-signature</c> of Standard Webhooks: <c>v1,</c> and the base64 HMAC-SHA256 of
/// <c>{id}.{timestamp}.{body}</c> (UTF-8), keyed with the bytes that follow <c>whsec_</c> in the secret.
/// </summary>
public static class WebhookSignature
{
    /// <summary>One signature, <c>v1,...</c>, for <paramref name="secret"/>.</summary>
    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes($"{id}.{UnixSeconds(timestamp)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Key(secret), signed));
    }

    /// <summary>The header's value: one signature per secret, separated by spaces (two while a rotation overlaps).</summary>
    public static string Header(IReadOnlyList<string> secrets, string id, DateTimeOffset timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("A webhook message is signed with at least one secret.", nameof(secrets));
        }

        return string.Join(' ', secrets.Select(secret => Sign(secret, id, timestamp, body)));
    }

    /// <summary>The <c>webhook-timestamp</c>: whole seconds since the Unix epoch.</summary>
    public static string UnixSeconds(DateTimeOffset timestamp) => timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The HMAC key inside a <c>whsec_</c> secret. The exception never repeats the secret.</summary>
    public static byte[] Key(string secret)
    {
        if (secret is null || !secret.StartsWith(WebhookSecret.Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("A webhook secret starts with whsec_.", nameof(secret));
        }

        try
        {
            var key = Convert.FromBase64String(secret[WebhookSecret.Prefix.Length..]);
            return key.Length > 0 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new ArgumentException("A webhook secret is whsec_ followed by base64.", nameof(secret));
        }
    }
}
