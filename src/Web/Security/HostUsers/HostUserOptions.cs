namespace Natero.Connectors.Web.Security.HostUsers;

/// <summary>
/// <c>HostAuthentication</c>: how the host's principal becomes Natero platform staff. A person whose host principal
/// has one of these roles (role claims, as <c>IsInRole</c> reads them) is a platform admin or auditor in the plugin;
/// platform roles given in the plugin's own data count too.
/// </summary>
public sealed class HostUserOptions
{
    public const string Section = "HostAuthentication";

    /// <summary>The host's roles that make someone a platform admin, e.g. <c>["natero-admin"]</c>.</summary>
    public IList<string> PlatformAdminRoles { get; init; } = [];

    /// <summary>The host's roles that make someone a platform auditor.</summary>
    public IList<string> PlatformAuditorRoles { get; init; } = [];

    /// <summary>The scheme the host signs people in with (from <c>AddNateroConnectors</c>).</summary>
    public string HostScheme { get; set; } = string.Empty;
}
