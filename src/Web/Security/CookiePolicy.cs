using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// How the plugin's cookies are named and scoped. Secure cookies are <c>__Host-</c> prefixed at the root of a site,
/// which pins them to the host name and the path <c>/</c>; under a prefix they are <c>__Secure-</c> prefixed and their
/// path is the prefix, so that the host's own pages never receive them (see docs/decisions/0003).
/// </summary>
public sealed record NateroCookiePolicy(bool Secure, NateroMount? Mount = null)
{
    public string Name(string name) => (Secure ? (CookiePath == "/" ? "__Host-" : "__Secure-") : string.Empty) + name;

    /// <summary>
    /// A cookie the whole application shares (there is one antiforgery and one temp-data provider per application, so
    /// the host's own forms use them too): path <c>/</c>, so <c>__Host-</c> prefixed when secure, wherever the plugin is.
    /// </summary>
    public string ApplicationWideName(string name) => (Secure ? "__Host-" : string.Empty) + name;

    public CookieSecurePolicy SecurePolicy => Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>The path of every cookie of the plugin.</summary>
    public string CookiePath => Mount?.CookiePath ?? "/";

    /// <summary>A path inside the plugin (see <see cref="NateroMount.Path"/>).</summary>
    public string Path(string path) => Mount?.Path(path) ?? path;
}
