namespace Natero.Connectors.SalesforceEmulator;

/// <summary>A Salesforce user of one org. The switches are read on every request.</summary>
public sealed class EmulatorUser
{
    internal EmulatorUser(
        string id,
        SalesforceOrg org,
        string username,
        string password,
        string firstName,
        string lastName,
        DateTimeOffset lastModified
    )
    {
        Id = id;
        Org = org;
        Username = username;
        Password = password;
        FirstName = firstName;
        LastName = lastName;
        Email = username;
        LastModified = lastModified;
    }

    /// <summary>The 18-character user id (<c>005...</c>).</summary>
    public string Id { get; }

    public SalesforceOrg Org { get; }

    public string Username { get; }

    public string Password { get; set; }

    public string FirstName { get; }

    public string LastName { get; }

    public string DisplayName => $"{FirstName} {LastName}";

    public string Email { get; set; }

    /// <summary>An inactive (frozen or deactivated) user cannot log in, get tokens (<c>inactive user</c>) or use a session.</summary>
    public bool Active { get; set; } = true;

    /// <summary>The "API Enabled" permission (by Profile or Permission Set); off means REST answers 403.</summary>
    public bool ApiEnabled { get; set; } = true;

    /// <summary>
    /// "Approve Uninstalled Connected Apps" (by Profile or Permission Set; System Administrators have it): the user may
    /// authorize an app that is not installed in the org.
    /// </summary>
    public bool ApproveUninstalledConnectedApps { get; set; }

    /// <summary>
    /// "Use Any API Client". It lets the user authorize an uninstalled app only where
    /// <see cref="SalesforceOrg.UseAnyApiClientApprovesUninstalledApps"/> is on.
    /// </summary>
    public bool UseAnyApiClient { get; set; }

    /// <summary>
    /// The user's profile has login IP ranges that the client's server is outside of (the person's browser is inside):
    /// the token endpoint answers <c>invalid_grant</c> / <c>ip restricted</c> and sessions answer 401, unless the app's
    /// <see cref="ConnectedAppOrgSettings.IpRelaxation"/> relaxes it.
    /// </summary>
    public bool LoginIpRestricted { get; set; }

    public string Language { get; set; } = "en_US";

    public string Locale { get; set; } = "en_US";

    public string TimeZone { get; set; } = "America/Los_Angeles";

    public DateTimeOffset LastModified { get; }

    public override string ToString() => $"{Username} ({Id})";
}
