namespace Natero.Connectors.Web.Common;

/// <summary>
/// Where the plugin lives in its host's URL space: nothing at the root of the standalone app, or a path such as
/// <c>/admin/connectors</c> inside another application. Every page, link, redirect, cookie path, callback and
/// API route of the plugin lies under it, and nothing of the plugin outside it.
/// </summary>
/// <remarks>
/// Set by <c>AddNateroConnectors(o =&gt; o.PathPrefix = ...)</c> or <c>MapNateroConnectors(prefix)</c>. The
/// routes are built from it once, so the first read fixes it: moving it afterwards is refused, not half done.
/// </remarks>
public sealed class NateroMount
{
    private string _prefix = string.Empty;
    private volatile bool _fixed;

    /// <summary>The prefix, <c>""</c> or a path that starts with <c>/</c> and does not end with one.</summary>
    public string Prefix
    {
        get
        {
            _fixed = true;
            return _prefix;
        }
    }

    /// <summary>The path of the cookies the plugin sets: its prefix, or <c>/</c> at the root.</summary>
    public string CookiePath => Prefix.Length == 0 ? "/" : Prefix;

    /// <summary>Mounts the plugin at <paramref name="prefix"/>, unless its routes were already built elsewhere.</summary>
    public void MountAt(string? prefix)
    {
        var normalised = Normalize(prefix);
        if (string.Equals(normalised, _prefix, StringComparison.Ordinal))
        {
            return;
        }

        if (_fixed)
        {
            throw new InvalidOperationException(
                $"Natero Connectors' routes were already built at '{_prefix}', so it cannot move to '{normalised}'. Call "
                    + "MapNateroConnectors(prefix) before anything that builds the application's Razor Pages (such as the host's "
                    + "own MapRazorPages), or set the prefix in AddNateroConnectors(o => o.PathPrefix = ...)."
            );
        }

        _prefix = normalised;
    }

    /// <summary>The path of <paramref name="path"/> (which starts with <c>/</c>) inside the plugin.</summary>
    public string Path(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/')
        {
            throw new ArgumentException($"A path inside the plugin starts with '/': '{path}'.", nameof(path));
        }

        var prefix = Prefix;
        return prefix.Length == 0 ? path
            : path == "/" ? prefix
            : prefix + path;
    }

    /// <summary>Whether a request's path is the plugin's.</summary>
    public bool Owns(PathString path) => Prefix.Length == 0 || path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>""</c> for the root; otherwise one leading slash, no trailing slash, and nothing a route would read as a parameter.
    /// </summary>
    public static string Normalize(string? prefix)
    {
        var trimmed = (prefix ?? string.Empty).Trim().TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        if (
            trimmed[0] != '/'
            || trimmed.Contains("//", StringComparison.Ordinal)
            || trimmed.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.'))
        )
        {
            throw new ArgumentException(
                $"The path prefix '{prefix}' is not a plain path: use letters, digits, '-', '_' and '.' between slashes, "
                    + "starting with '/', for example '/admin/connectors'.",
                nameof(prefix)
            );
        }

        return trimmed;
    }
}
