namespace Natero.Connectors.Web.Security;

/// <summary>
/// The plugin's authentication schemes. The plugin never makes any of them a default of the application: its pages,
/// API and policies name <see cref="Plugin"/>, so a host's own default schemes stay the host's.
/// </summary>
public static class NateroSchemes
{
    /// <summary>Picks by path: an API key for the API, otherwise the person (the plugin's cookie, or the host's sign-in).</summary>
    public const string Plugin = "Natero";

    /// <summary>A person signed in by the host (option B): the host's scheme, mapped to a plugin account.</summary>
    public const string HostUser = "Natero.HostUser";
}
