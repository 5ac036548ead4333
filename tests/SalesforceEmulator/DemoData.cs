namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// What every emulator starts with. The ids and secrets are fixed, so an app connected to the demo org
/// finds the same org again after the emulator restarts.
/// </summary>
/// <param name="App">The connected app, client id <see cref="ClientId"/>.</param>
/// <param name="Acme">Production org with My Domain <c>acme</c>.</param>
/// <param name="AcmeSandbox">Sandbox org with My Domain <c>acme--uat</c>; its users log in through the sandbox login host.</param>
/// <param name="Globex">Production org with My Domain <c>globex</c> whose edition has no API access.</param>
/// <param name="Admin"><c>admin@acme.example</c>, API Enabled.</param>
/// <param name="NoApiUser"><c>noapi@acme.example</c>, without API Enabled.</param>
/// <param name="SandboxAdmin"><c>admin@acme.example.uat</c>, API Enabled, in the sandbox.</param>
/// <param name="GlobexAdmin"><c>admin@globex.example</c>, API Enabled in an org without API access.</param>
/// <param name="Initech">Production org (Developer Edition) with My Domain <c>initech</c> where the app is not installed.</param>
/// <param name="Hooli">Production org with My Domain <c>hooli</c> whose admin blocked the app.</param>
/// <param name="Umbrella">Production org with My Domain <c>umbrella</c> where only admin approved users may use the app.</param>
/// <param name="InitechAdmin"><c>admin@initech.example</c>, with "Approve Uninstalled Connected Apps": can authorize.</param>
/// <param name="InitechUser"><c>user@initech.example</c>, without it: stops on Salesforce's error page.</param>
/// <param name="HooliAdmin"><c>admin@hooli.example</c>: redirected with <c>OAUTH_APP_BLOCKED</c>.</param>
/// <param name="UmbrellaApproved"><c>approved@umbrella.example</c>, pre-authorized by the admin.</param>
/// <param name="UmbrellaUnapproved"><c>unapproved@umbrella.example</c>: redirected with <c>OAUTH_APP_ACCESS_DENIED</c>.</param>
/// <param name="IpRestricted"><c>iprestricted@acme.example</c>: the profile's login IP ranges leave out the client's server.</param>
/// <param name="InactiveUser"><c>inactive@acme.example</c>, deactivated.</param>
public sealed record DemoData(
    ConnectedApp App,
    SalesforceOrg Acme,
    SalesforceOrg AcmeSandbox,
    SalesforceOrg Globex,
    EmulatorUser Admin,
    EmulatorUser NoApiUser,
    EmulatorUser SandboxAdmin,
    EmulatorUser GlobexAdmin,
    SalesforceOrg Initech,
    SalesforceOrg Hooli,
    SalesforceOrg Umbrella,
    EmulatorUser InitechAdmin,
    EmulatorUser InitechUser,
    EmulatorUser HooliAdmin,
    EmulatorUser UmbrellaApproved,
    EmulatorUser UmbrellaUnapproved,
    EmulatorUser IpRestricted,
    EmulatorUser InactiveUser
)
{
    public const string ClientId = "natero-demo-client";
    public const string ClientSecret = "natero-demo-secret";

    /// <summary>The password of every demo user.</summary>
    public const string Password = "Demo-Passw0rd!";

    /// <summary>The Natero app's callback when it runs with its defaults.</summary>
    public const string DefaultCallbackUrl = "http://localhost:5080/oauth/callback/salesforce";

    /// <summary>Every demo user, in the order the banner and README list them.</summary>
    public IReadOnlyList<EmulatorUser> Users =>
        [
            Admin,
            NoApiUser,
            IpRestricted,
            InactiveUser,
            SandboxAdmin,
            GlobexAdmin,
            InitechAdmin,
            InitechUser,
            HooliAdmin,
            UmbrellaApproved,
            UmbrellaUnapproved,
        ];

    internal static DemoData Seed(SalesforceEmulatorHost host, IReadOnlyList<string> callbackUrls)
    {
        var app = host.AddConnectedApp(ClientId, ClientSecret, callbackUrls, "Natero Connectors (demo)");
        var acme = host.AddOrg(SalesforceId.To18("00D5g0000AcmePr"), "Acme Corporation", "acme", OrgEnvironment.Production);
        var sandbox = host.AddOrg(SalesforceId.To18("00D7F0000AcmeSb"), "Acme Corporation (UAT)", "acme--uat", OrgEnvironment.Sandbox);
        var globex = host.AddOrg(
            SalesforceId.To18("00D5g0000Globex"),
            "Globex (Professional Edition)",
            "globex",
            OrgEnvironment.Production
        );
        globex.ApiEnabled = false;
        globex.Edition = "Professional Edition";
        var initech = host.AddOrg(SalesforceId.To18("00D5g0000Initec"), "Initech", "initech", OrgEnvironment.Production);
        initech.Edition = "Developer Edition";
        app.In(initech).Installed = false;
        var hooli = host.AddOrg(SalesforceId.To18("00D5g0000HooliX"), "Hooli", "hooli", OrgEnvironment.Production);
        app.In(hooli).Blocked = true;
        var umbrella = host.AddOrg(SalesforceId.To18("00D5g0000Umbrel"), "Umbrella Corporation", "umbrella", OrgEnvironment.Production);
        umbrella.Edition = "Unlimited Edition";
        app.In(umbrella).AdminApprovedUsersOnly = true;

        EmulatorUser User(string id15, SalesforceOrg org, string username, string first, string last, bool apiEnabled = true) =>
            host.AddUser(SalesforceId.To18(id15), org, username, Password, first, last, apiEnabled);

        var initechAdmin = User("0055g0000IniAdm", initech, "admin@initech.example", "Bill", "Lumbergh");
        initechAdmin.ApproveUninstalledConnectedApps = true;
        var umbrellaApproved = User("0055g0000UmbApp", umbrella, "approved@umbrella.example", "Alice", "Abernathy");
        app.PreAuthorize(umbrellaApproved);
        var ipRestricted = User("0055g0000AcmIpR", acme, "iprestricted@acme.example", "Ines", "Iprange");
        ipRestricted.LoginIpRestricted = true;
        var inactive = User("0055g0000AcmIna", acme, "inactive@acme.example", "Ian", "Inactive");
        inactive.Active = false;
        return new DemoData(
            app,
            acme,
            sandbox,
            globex,
            User("0055g0000AcmAdm", acme, "admin@acme.example", "Avery", "Admin"),
            User("0055g0000AcmNoA", acme, "noapi@acme.example", "Noel", "Noapi", apiEnabled: false),
            User("0057F0000SbxAdm", sandbox, "admin@acme.example.uat", "Avery", "Admin"),
            User("0055g0000GlxAdm", globex, "admin@globex.example", "Gale", "Globex"),
            initech,
            hooli,
            umbrella,
            initechAdmin,
            User("0055g0000IniUsr", initech, "user@initech.example", "Milton", "Waddams"),
            User("0055g0000HooAdm", hooli, "admin@hooli.example", "Gavin", "Belson"),
            umbrellaApproved,
            User("0055g0000UmbUna", umbrella, "unapproved@umbrella.example", "Albert", "Wesker"),
            ipRestricted,
            inactive
        );
    }
}
