namespace Natero.Connectors.HubSpotEmulator;

/// <summary>
/// What every emulator starts with. Ids and secrets are fixed, so an app connected to a demo account finds the same
/// account again after the emulator restarts.
/// </summary>
/// <param name="App">The app, client id <see cref="ClientId"/>.</param>
/// <param name="Acme">"Acme Demo", hub id 12345678 (na1).</param>
/// <param name="Globex">"Globex Demo", hub id 23456789 (eu1).</param>
/// <param name="Admin"><c>admin@acme-hubspot.example</c>: Super Admin of Acme Demo.</param>
/// <param name="Limited"><c>limited@acme-hubspot.example</c>: may install apps in Acme Demo but not grant the CRM scopes.</param>
/// <param name="Consultant"><c>consultant@acme-hubspot.example</c>: Super Admin of both accounts (the account chooser).</param>
public sealed record DemoData(HubSpotApp App, Portal Acme, Portal Globex, EmulatorUser Admin, EmulatorUser Limited, EmulatorUser Consultant)
{
    public const string ClientId = "6b1f5c3e-2a7d-4e9b-8c0f-5d3a1e7b9c24";
    public const string ClientSecret = "0d9e8f7a-6b5c-4d3e-8f1a-2b3c4d5e6f70";
    public const long AppId = 4242424;

    /// <summary>The password of every demo user.</summary>
    public const string Password = "Demo-Passw0rd!";

    /// <summary>The Natero app's callback when it runs with its defaults.</summary>
    public const string DefaultCallbackUrl = "http://localhost:5080/oauth/callback/hubspot";

    internal static DemoData Seed(HubSpotEmulatorHost host, IReadOnlyList<string> callbackUrls)
    {
        var app = host.AddApp(AppId, "Natero Connectors (demo)", ClientId, ClientSecret, callbackUrls);
        var acme = host.AddPortal(12345678, "Acme Demo", "acme-demo.hubspot.com");
        var globex = host.AddPortal(23456789, "Globex Demo", "globex-demo.hubspot.com");
        globex.TimeZone = "Europe/Berlin";
        globex.UtcOffset = TimeSpan.FromHours(1);
        globex.CompanyCurrency = "EUR";
        globex.DataHostingLocation = "eu1";
        globex.UiDomain = "app-eu1.hubspot.com";

        var admin = host.AddUser(1000001, "admin@acme-hubspot.example", Password, "Avery", "Admin");
        host.AddMembership(admin, acme, superAdmin: true);
        var limited = host.AddUser(1000002, "limited@acme-hubspot.example", Password, "Lee", "Limited");
        var seat = host.AddMembership(limited, acme, superAdmin: false);
        seat.CanInstallApps = true;
        var consultant = host.AddUser(1000003, "consultant@acme-hubspot.example", Password, "Casey", "Consultant");
        host.AddMembership(consultant, acme, superAdmin: true);
        host.AddMembership(consultant, globex, superAdmin: true);
        return new DemoData(app, acme, globex, admin, limited, consultant);
    }
}
