using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Web.FunctionalTests.Mounting;

/// <summary>
/// An application of its own (its own home page and routes) that mounts the plugin under <see cref="Prefix"/>,
/// with the plugin's own users, on its own database and a Salesforce emulator over real HTTP.
/// </summary>
public class MountedHost : IAsyncLifetime
{
    public const string Prefix = "/admin/connectors";
    public const string CallbackUrl = "https://localhost" + Prefix + "/oauth/callback/salesforce";
    public const string HostHome = "<h1>The host's own home page</h1>";

    private TestDatabase? _database;
    private WebApplication? _app;

    public SalesforceEmulatorHost Salesforce { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseName);
        Salesforce = await SalesforceEmulatorHost.StartAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(
            _database
                .Settings.Concat(SalesforceTestSettings.For(Salesforce, CallbackUrl))
                .Append(new("Email:PublicBaseUrl", "https://localhost" + Prefix + "/"))
                .Append(new("Security:SessionValidationInterval", "00:00:00"))
        );
        Configure(builder);

        _app = builder.Build();
        _app.MapGet("/", () => Results.Content(HostHome, "text/html"));
        _app.MapGet("/reports", () => Results.Content("<h1>The host's reports</h1>", "text/html"));
        Map(_app);
        await _app.StartAsync();
    }

    protected virtual string DatabaseName => "mounted";

    /// <summary>The host's services: here only the plugin, with its own users.</summary>
    protected virtual void Configure(WebApplicationBuilder builder) => builder.AddNateroConnectors();

    /// <summary>The host's pipeline and routes besides its home page.</summary>
    protected virtual void Map(WebApplication app) => app.MapNateroConnectors(Prefix);

    /// <summary>A client that behaves like a browser: https, cookies kept (with their paths), redirects not followed.</summary>
    public (Browser Browser, CookieContainerHandler Cookies) NewBrowser()
    {
        var cookies = new CookieContainerHandler { InnerHandler = _app!.GetTestServer().CreateHandler() };
        return (new Browser(new HttpClient(cookies) { BaseAddress = new Uri("https://localhost") }), cookies);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Salesforce is not null)
        {
            await Salesforce.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
