namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// What one org's admin decided about one connected app (Setup &gt; Connected Apps OAuth Usage and Manage Connected
/// Apps). Read on every request, so a test may change them at any time. Get it with <see cref="ConnectedApp.In"/>.
/// </summary>
public sealed class ConnectedAppOrgSettings
{
    internal ConnectedAppOrgSettings() { }

    /// <summary>
    /// Installed in the org (the default: the emulator's orgs start with the app installed). When false and the org
    /// restricts uninstalled apps, only users with "Approve Uninstalled Connected Apps" can authorize it; existing
    /// approvals keep working.
    /// </summary>
    public bool Installed { get; set; } = true;

    /// <summary>Blocked in this org: authorize answers <c>OAUTH_APP_BLOCKED</c> and the app's sessions here stop working.</summary>
    public bool Blocked { get; set; }

    /// <summary>"Admin approved users are pre-authorized" in this org; see <see cref="ConnectedApp.PreAuthorize"/>.</summary>
    public bool AdminApprovedUsersOnly { get; set; }

    /// <summary>How the profile's login IP ranges apply to this app (<see cref="EmulatorUser.LoginIpRestricted"/>).</summary>
    public IpRelaxation IpRelaxation { get; set; } = IpRelaxation.Enforce;
}
