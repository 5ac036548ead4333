using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.HubSpotEmulator;
using Natero.Connectors.IdentityProviderEmulator;
using Natero.Connectors.Infrastructure.Seeding;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.ZendeskEmulator;

[assembly: AssemblyFixture(typeof(Natero.Connectors.Web.AcceptanceTests.AppServer))]

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>
/// The real app on Kestrel over plain http on a free loopback port, pointed at the Salesforce
/// emulator, for a real browser.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;
    private IReadOnlyDictionary<string, string?> _salesforce = new Dictionary<string, string?>();
    private IReadOnlyDictionary<string, string?> _hubSpot = new Dictionary<string, string?>();
    private IReadOnlyDictionary<string, string?> _zendesk = new Dictionary<string, string?>();
    private IReadOnlyDictionary<string, string?> _sso = new Dictionary<string, string?>();

    public Uri BaseUrl { get; private set; } = null!;

    public SalesforceEmulatorHost Salesforce { get; private set; } = null!;

    public HubSpotEmulatorHost HubSpot { get; private set; } = null!;

    /// <summary>Zendesk's accounts on loopback ports; the app uses acme's own OAuth client.</summary>
    public ZendeskEmulatorHost Zendesk { get; private set; } = null!;

    /// <summary>The single sign-on provider "acme" ("Sign in with Acme SSO"), trusted for acme.example.</summary>
    public IdentityProviderEmulatorHost IdentityProvider { get; private set; } = null!;

    /// <summary>Where the app's mail goes: a real SMTP server in this process, on loopback.</summary>
    public TestSmtpServer Mail { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("browser");
        Salesforce = await SalesforceEmulatorHost.StartAsync();
        Mail = await TestSmtpServer.StartNewAsync();

        // Salesforce skips the Allow page once a user approved the app; every browser test clicks Allow or Deny.
        Salesforce.Settings.AlwaysAskForConsent = true;
        var port = SalesforceTestSettings.FreeTcpPort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _salesforce = SalesforceTestSettings.For(Salesforce, $"{BaseUrl}oauth/callback/salesforce");
        HubSpot = await HubSpotEmulatorHost.StartAsync();
        _hubSpot = HubSpotTestSettings.For(HubSpot, $"{BaseUrl}oauth/callback/hubspot");
        Zendesk = await ZendeskEmulatorHost.StartAsync();
        _zendesk = ZendeskTestSettings.For(Zendesk, $"{BaseUrl}oauth/callback/zendesk");
        IdentityProvider = await IdentityProviderEmulatorHost.StartAsync(
            new IdentityProviderEmulatorOptions { RedirectUris = [$"{BaseUrl}signin-oidc/acme"] }
        );
        _sso = IdentityProvider.AppSettings("acme", "Acme SSO", "acme.example");
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    public async Task ResetAsync()
    {
        await _database!.ResetAsync();
        IdentityProvider.Faults.Clear();
        Zendesk.Faults.Clear();
        Zendesk.RequestLog.Clear();
        await Mail.ResetAsync();
        await using var scope = Services.CreateAsyncScope();
        await Services.GetRequiredService<DatabaseInitializer>().SeedAsync(scope.ServiceProvider, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _database!.Settings.Concat(_salesforce).Concat(_hubSpot).Concat(_zendesk).Concat(_sso))
        {
            builder.UseSetting(key, value);
        }

        // Mail is really sent, over SMTP to the in-process server, with links back to this server.
        foreach (var (key, value) in Mail.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Email:Worker:Enabled", "true");
        builder.UseSetting("Email:PollInterval", "00:00:00.200");
        builder.UseSetting("Email:PublicBaseUrl", BaseUrl.ToString());

        // Every test signs in from this one address; the per-address sign-in limit is tested over HTTP.
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "100000");

        // Webhook endpoints point at this app on loopback, so that no delivery ever leaves the machine.
        builder.UseSetting("Webhooks:AllowLoopbackHttp", "true");

        // Plain http on loopback: cookies cannot be Secure here.
        builder.UseSetting("Security:AllowInsecureCookies", "true");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Salesforce.DisposeAsync();
        await HubSpot.DisposeAsync();
        await Zendesk.DisposeAsync();
        await IdentityProvider.DisposeAsync();
        await Mail.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
