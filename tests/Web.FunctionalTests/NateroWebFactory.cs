using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.HubSpotEmulator;
using Natero.Connectors.IdentityProviderEmulator;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Infrastructure.Seeding;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.ZendeskEmulator;

[assembly: AssemblyFixture(typeof(Natero.Connectors.Web.FunctionalTests.NateroWebFactory))]

namespace Natero.Connectors.Web.FunctionalTests;

/// <summary>The real host in memory, on a real database, seeded with known test accounts.</summary>
public sealed class NateroWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string CallbackUrl = "https://localhost/oauth/callback/salesforce";
    public const string HubSpotCallbackUrl = "https://localhost/oauth/callback/hubspot";
    public const string ZendeskCallbackUrl = "https://localhost/oauth/callback/zendesk";

    private TestDatabase? _database;
    private IReadOnlyDictionary<string, string?> _salesforce = new Dictionary<string, string?>();
    private IReadOnlyDictionary<string, string?> _hubSpot = new Dictionary<string, string?>();
    private IReadOnlyDictionary<string, string?> _zendesk = new Dictionary<string, string?>();
    private IReadOnlyDictionary<string, string?> _sso = new Dictionary<string, string?>();

    public TestDatabase Database => _database!;

    public SalesforceEmulatorHost Salesforce { get; private set; } = null!;

    public HubSpotEmulatorHost HubSpot { get; private set; } = null!;

    /// <summary>Zendesk's accounts on loopback ports; the app uses acme's own OAuth client.</summary>
    public ZendeskEmulatorHost Zendesk { get; private set; } = null!;

    /// <summary>The single sign-on provider "acme" (button "Sign in with Acme SSO"), trusted for acme.example.</summary>
    public IdentityProviderEmulatorHost IdentityProvider { get; private set; } = null!;

    /// <summary>Every log line the app wrote, at every level, for the tests that look for secrets.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The audit checkpoint signing key (PEM, ECDSA P-256), written to a temporary file: checkpoints are on.</summary>
    public string CheckpointKeyPath { get; } = Path.Combine(Path.GetTempPath(), $"natero-web-checkpoint-{Guid.NewGuid():N}.pem");

    public async ValueTask InitializeAsync()
    {
        using (var checkpointKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(CheckpointKeyPath, checkpointKey.ExportPkcs8PrivateKeyPem());
        }

        _database = await TestDatabase.CreateAsync("web");
        Salesforce = await SalesforceEmulatorHost.StartAsync();
        _salesforce = SalesforceTestSettings.For(Salesforce, CallbackUrl);
        HubSpot = await HubSpotEmulatorHost.StartAsync();
        _hubSpot = HubSpotTestSettings.For(HubSpot, HubSpotCallbackUrl);
        Zendesk = await ZendeskEmulatorHost.StartAsync();
        _zendesk = ZendeskTestSettings.For(Zendesk, ZendeskCallbackUrl);
        IdentityProvider = await IdentityProviderEmulatorHost.StartAsync(
            new IdentityProviderEmulatorOptions { RedirectUris = ["https://localhost/signin-oidc/acme"] }
        );
        _sso = IdentityProvider.AppSettings("acme", "Acme SSO", "acme.example");
        _ = Server;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Email:PublicBaseUrl", "https://localhost/");
        builder.UseSetting("Security:SessionValidationInterval", "00:00:00");
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "100000");
        builder.UseSetting("Audit:CheckpointSigningKeyPath", CheckpointKeyPath);
        foreach (var (key, value) in Database.Settings.Concat(_salesforce).Concat(_hubSpot).Concat(_zendesk).Concat(_sso))
        {
            builder.UseSetting(key, value);
        }

        // Everything at Trace, as an operator might turn it up: the app's own filters for secret-bearing
        // categories must still hold.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }

    public async Task ResetAsync()
    {
        // Refusals an earlier test left counting are written now, before the reset, not into a later test's trail.
        await Services.GetRequiredService<ApiKeyRefusalWriter>().FlushAsync(CancellationToken.None);
        Salesforce.RequestLog.Clear();
        Salesforce.Faults.Clear();
        HubSpot.RequestLog.Clear();
        HubSpot.Faults.Clear();
        Zendesk.RequestLog.Clear();
        Zendesk.Faults.Clear();
        Zendesk.Settings.RevokeCurrentNeedsWriteScope = false;
        IdentityProvider.Faults.Clear();
        IdentityProvider.IssuedTokens.Clear();
        Logs.Clear();
        await Database.ResetAsync();
        await using var scope = Services.CreateAsyncScope();
        await Services.GetRequiredService<DatabaseInitializer>().SeedAsync(scope.ServiceProvider, CancellationToken.None);
    }

    /// <summary>A client that behaves like a browser: https, cookies kept, redirects not followed.</summary>
    public Browser NewBrowser() =>
        new(
            CreateClient(
                new WebApplicationFactoryClientOptions
                {
                    BaseAddress = new Uri("https://localhost"),
                    AllowAutoRedirect = false,
                    HandleCookies = true,
                }
            )
        );

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(CheckpointKeyPath);
        if (Salesforce is not null)
        {
            await Salesforce.DisposeAsync();
        }

        if (HubSpot is not null)
        {
            await HubSpot.DisposeAsync();
        }

        if (Zendesk is not null)
        {
            await Zendesk.DisposeAsync();
        }

        if (IdentityProvider is not null)
        {
            await IdentityProvider.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>Every test starts from a freshly seeded database.</summary>
public abstract class WebTest(NateroWebFactory factory) : IAsyncLifetime
{
    protected NateroWebFactory Factory { get; } = factory;

    public virtual async ValueTask InitializeAsync() => await Factory.ResetAsync();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected async Task<Browser> SignedInAs(string email)
    {
        var browser = Factory.NewBrowser();
        var response = await browser.SignInAsync(email, TestUsers.Password);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, "sign-in should succeed");
        return browser;
    }
}
