using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;
using Natero.Connectors.Application.Connections.Commands.CompleteOAuth;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Seeding;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Benchmarks;

/// <summary>The use cases composed as in the web host, on a fresh database (NATERO_TEST_DB) and an emulator.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private const string CallbackUrl = "https://natero.bench/oauth/callback/salesforce";

    private BenchHost(TestDatabase database, SalesforceEmulatorHost salesforce, ServiceProvider services)
    {
        Database = database;
        Salesforce = salesforce;
        Services = services;
    }

    public TestDatabase Database { get; }
    public SalesforceEmulatorHost Salesforce { get; }
    public ServiceProvider Services { get; }

    /// <param name="configure">Changes to the composed services, made last (a scenario's interceptors, say).</param>
    /// <param name="settings">Configuration over the test database's (a scenario's own switches).</param>
    public static async Task<BenchHost> StartAsync(
        Action<IServiceCollection>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null
    )
    {
        var database = await TestDatabase.CreateAsync("bench");
        var salesforce = await SalesforceEmulatorHost.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Settings.Concat(SalesforceTestSettings.For(salesforce, CallbackUrl)))
            .AddInMemoryCollection(BenchSettings.AsInProduction)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new BenchHostEnvironment());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddNateroCore(configuration);
        services.AddScoped<BenchUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<BenchUser>());
        services.ConfigureAll<HttpClientFactoryOptions>(o =>
            o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new OutboundTiming()))
        );
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().StartAsync(CancellationToken.None);
        return new BenchHost(database, salesforce, provider);
    }

    /// <summary>One connection of the demo tenant, made through the real flow.</summary>
    public async Task<(Guid TenantId, Guid ConnectionId)> ConnectAsync()
    {
        var (adminId, tenant) = await DemoAdminAsync(Services);
        using var browser = new EmulatorBrowser();
        var callback = await StartAndAllowAsync(Services, browser, Salesforce, adminId, tenant);
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<BenchUser>().Id = adminId;
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(callback);
        return (tenant.Id, result.Value.ConnectionId!.Value);
    }

    public static async Task<CompleteOAuthCommand> StartAndAllowAsync(
        IServiceProvider provider,
        EmulatorBrowser browser,
        SalesforceEmulatorHost salesforce,
        Guid adminId,
        (Guid Id, string Slug) tenant
    )
    {
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<BenchUser>().Id = adminId;
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        var started = await scope
            .ServiceProvider.GetRequiredService<ISender>()
            .Send(new AuthorizeProviderCommand("salesforce", "Production", null, null));
        var redirect = await browser.AuthorizeAsync(started.Value.AuthorizationUrl, salesforce.Demo.Admin.Username, DemoData.Password);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        return new CompleteOAuthCommand("salesforce", query["state"], query["code"], null, null, started.Value.BrowserBinding);
    }

    public static async Task<(Guid AdminId, (Guid Id, string Slug) Tenant)> DemoAdminAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var admin = db.Users.Single(u => u.Email == TestUsers.DemoAdmin);
        var tenant = db.Tenants.Single(t => t.Slug == TestUsers.DemoTenant);
        return (admin.Id, (tenant.Id, tenant.Slug));
    }

    /// <summary>Makes the stored access token look older than its lifetime, so the next GetAsync refreshes.</summary>
    public async Task AgeAccessTokenAsync(Guid tenantId, Guid connectionId)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenantId, TestUsers.DemoTenant);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var connection = db.ProviderConnections.Single(c => c.Id == connectionId);
        db.Entry(connection).Property(nameof(ProviderConnection.AccessTokenIssuedAt)).CurrentValue = DateTimeOffset.UnixEpoch;
        await db.SaveChangesAsync();
    }

    public static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Salesforce.DisposeAsync();
        await Database.DisposeAsync();
    }

    internal sealed class BenchUser : ICurrentUser
    {
        public Guid Id { get; set; }
        public Guid? UserId => Id;
        public string? Email => TestUsers.DemoAdmin;
        public string? DisplayName => TestUsers.DemoAdmin;

        /// <summary>Platform roles (e.g. PlatformAdmin) the user holds in this scope; none by default.</summary>
        public HashSet<string> Roles { get; } = new(StringComparer.Ordinal);

        public bool IsInRole(string role) => Roles.Contains(role);
    }

    private sealed class BenchHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Benchmark";
        public string ApplicationName { get; set; } = "Natero.Connectors.Benchmarks";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
