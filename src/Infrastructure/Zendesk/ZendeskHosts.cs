using System.Net;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>
/// Where a Zendesk account lives: <c>https://{subdomain}.{Zendesk:HostSuffix}</c>, one DNS label before the suffix,
/// nothing else; or, with <c>Zendesk:AllowLoopbackHttp</c>, a loopback origin typed in full (the emulator). Everything
/// Natero sends to Zendesk goes to a base URL from here, so a host the person typed is checked before any request leaves.
/// </summary>
internal sealed class ZendeskHosts(ZendeskOptions options)
{
    private const int MaxLabelLength = 63;

    private string Suffix => options.HostSuffix.Trim().TrimStart('.').ToLowerInvariant();

    /// <summary>An example host for the words on the page: acme.zendesk.com.</summary>
    public string Example => $"acme.{Suffix}";

    /// <summary>
    /// Turns what an admin typed (<c>acme</c>, <c>acme.zendesk.com</c>, <c>https://acme.zendesk.com</c>) into
    /// <c>https://acme.zendesk.com</c>; refuses a host outside the suffix, an IP address, a user name, a port, a path,
    /// a query, a trailing dot and nested subdomains.
    /// </summary>
    public Result<Uri> Normalise(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return Invalid($"Enter your Zendesk subdomain, for example {Example}.");
        }

        if (text.Length > 253 || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\'))
        {
            return Invalid($"A Zendesk subdomain is one word such as acme, or a host such as {Example}.");
        }

        if (options.AllowLoopbackHttp && LoopbackOrigin(text) is { } loopback)
        {
            return loopback;
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd >= 0 ? text[..schemeEnd] : null;
        var rest = schemeEnd >= 0 ? text[(schemeEnd + 3)..] : text;
        if (rest.EndsWith('/') && rest.IndexOf('/', StringComparison.Ordinal) == rest.Length - 1)
        {
            rest = rest[..^1];
        }

        if (rest.Contains('@', StringComparison.Ordinal))
        {
            return Invalid($"A Zendesk host has no user name and no \"@\". Type your subdomain, for example {Example}.");
        }

        if (rest.IndexOfAny(['/', '?', '#']) >= 0)
        {
            return Invalid($"Type only your Zendesk host, without a path or query, for example {Example}.");
        }

        if (rest.StartsWith('[') || IPAddress.TryParse(rest, out _))
        {
            return Invalid($"An IP address is not a Zendesk subdomain. Type your subdomain, for example {Example}.");
        }

        if (rest.Contains(':', StringComparison.Ordinal))
        {
            return Invalid($"Type your Zendesk host without a port, for example {Example}.");
        }

        if (scheme is not null && !scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid($"Zendesk is reached over https only. Type your subdomain, for example {Example}.");
        }

        if (rest.EndsWith('.'))
        {
            return Invalid($"Type your Zendesk host without the dot at the end, for example {Example}.");
        }

        var host = rest.ToLowerInvariant();
        string label;
        if (!host.Contains('.', StringComparison.Ordinal))
        {
            label = host;
        }
        else if (host.EndsWith("." + Suffix, StringComparison.Ordinal))
        {
            label = host[..^(Suffix.Length + 1)];
            if (label.Contains('.', StringComparison.Ordinal))
            {
                return Invalid(
                    $"A Zendesk subdomain is the one word before .{Suffix}: type {Example}, not a host with more parts before it."
                );
            }
        }
        else
        {
            return Invalid($"{Clip(rest)} is not a Zendesk host. Zendesk subdomains end in .{Suffix}, for example {Example}.");
        }

        if (!IsLabel(label))
        {
            return Invalid($"A Zendesk subdomain has only letters, digits and hyphens, for example {Example}.");
        }

        return new Uri($"https://{label}.{Suffix}");
    }

    /// <summary>
    /// What a sign-in site stores for an account: its host (<c>acme.zendesk.com</c>) for a real one, the whole
    /// origin for the emulator's <c>http://127.0.0.1:PORT</c>, so that it survives the round trip through <see cref="Normalise"/>.
    /// </summary>
    public static string SiteHostOf(Uri baseUrl) =>
        baseUrl.Scheme == Uri.UriSchemeHttps && baseUrl.IsDefaultPort ? baseUrl.Host : baseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Whether <c>Zendesk:HostSuffix</c> is a domain name of at least two labels.</summary>
    public static bool IsValidSuffix(string? suffix)
    {
        var labels = suffix?.Trim().TrimStart('.').Split('.') ?? [];
        return labels.Length >= 2 && labels.All(IsLabel);
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && !label.StartsWith('-')
        && !label.EndsWith('-');

    /// <summary>A loopback origin typed in full, or null when the text is not one (then the ordinary rules apply).</summary>
    private static Result<Uri>? LoopbackOrigin(string text)
    {
        if (
            !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !IsLoopback(uri)
        )
        {
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return Invalid("A Zendesk host has no user name and no \"@\".");
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return Invalid("Type only the emulator's origin, such as http://127.0.0.1:5521, without a path or query.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string Clip(string value) => value.Length > 80 ? value[..80] + "..." : value;

    private static Error Invalid(string message) =>
        Error.Invalid("invalid_zendesk_subdomain", message) with
        {
            Fields = new Dictionary<string, string[]> { ["Host"] = [message] },
        };
}
