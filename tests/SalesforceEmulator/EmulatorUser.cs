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

    public string Language { get; set; } = "en_US";

    public string Locale { get; set; } = "en_US";

    public string TimeZone { get; set; } = "America/Los_Angeles";

    public DateTimeOffset LastModified { get; }

    public override string ToString() => $"{Username} ({Id})";
}
