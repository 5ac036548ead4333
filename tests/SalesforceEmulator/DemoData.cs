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
public sealed record DemoData(
    ConnectedApp App,
    SalesforceOrg Acme,
    SalesforceOrg AcmeSandbox,
    SalesforceOrg Globex,
    EmulatorUser Admin,
    EmulatorUser NoApiUser,
    EmulatorUser SandboxAdmin,
    EmulatorUser GlobexAdmin
)
{
    public const string ClientId = "natero-demo-client";
    public const string ClientSecret = "natero-demo-secret";

    /// <summary>The password of every demo user.</summary>
    public const string Password = "Demo-Passw0rd!";

    /// <summary>The Natero app's callback when it runs with its defaults.</summary>
    public const string DefaultCallbackUrl = "http://localhost:5080/oauth/callback/salesforce";

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
        return new DemoData(
            app,
            acme,
            sandbox,
            globex,
            host.AddUser(SalesforceId.To18("0055g0000AcmAdm"), acme, "admin@acme.example", Password, "Avery", "Admin", apiEnabled: true),
            host.AddUser(SalesforceId.To18("0055g0000AcmNoA"), acme, "noapi@acme.example", Password, "Noel", "Noapi", apiEnabled: false),
            host.AddUser(
                SalesforceId.To18("0057F0000SbxAdm"),
                sandbox,
                "admin@acme.example.uat",
                Password,
                "Avery",
                "Admin",
                apiEnabled: true
            ),
            host.AddUser(SalesforceId.To18("0055g0000GlxAdm"), globex, "admin@globex.example", Password, "Gale", "Globex", apiEnabled: true)
        );
    }
}
