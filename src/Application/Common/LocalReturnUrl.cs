namespace Natero.Connectors.Application.Common;

/// <summary>
/// A return URL is followed only when it is a path on this site. Anything that a browser could read
/// as another origin (<c>//host</c>, <c>/\host</c>, an absolute URL, control characters) is replaced.
/// </summary>
public static class LocalReturnUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        return !url.Any(c => char.IsControl(c) || c == '\\');
    }

    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
