namespace Natero.Connectors.HubSpotEmulator;

/// <summary>
/// A user's seat in one account. Installing an app takes Super Admin or the Marketplace access permission; a Super Admin
/// can grant every scope the account offers, anyone else only the scopes their permissions cover.
/// </summary>
public sealed class PortalMembership
{
    internal PortalMembership(Portal portal, bool superAdmin)
    {
        Portal = portal;
        SuperAdmin = superAdmin;
    }

    public Portal Portal { get; }

    public bool SuperAdmin { get; set; }

    /// <summary>The "Marketplace access" permission (ignored for Super Admins).</summary>
    public bool CanInstallApps { get; set; }

    /// <summary>The scopes this user's permissions cover (ignored for Super Admins).</summary>
    public IReadOnlySet<string> GrantableScopes { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "oauth" };

    internal bool MayInstall => SuperAdmin || CanInstallApps;

    internal bool CanGrant(string scope) => Portal.Offers(scope) && (SuperAdmin || GrantableScopes.Contains(scope));
}
