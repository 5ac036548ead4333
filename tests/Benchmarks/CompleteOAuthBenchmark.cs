using System.Diagnostics;
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

/// <summary>
/// CompleteOAuth handler time without the emulator's: each completion's wall time minus the time
/// spent waiting on Salesforce (token, identity, REST probe). The login and Allow pages happen before
/// the clock starts.
/// </summary>
internal static class CompleteOAuthBenchmark
{
    private const string CallbackUrl = "https://natero.bench/oauth/callback/salesforce";

    public static async Task RunAsync(int iterations)
    {
        await using var database = await TestDatabase.CreateAsync("bench");
        await using var salesforce = await SalesforceEmulatorHost.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Settings.Concat(SalesforceTestSettings.For(salesforce, CallbackUrl)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new BenchHostEnvironment());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddNateroCore(configuration);
        services.AddScoped<BenchUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<BenchUser>());
        services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new OutboundTiming())));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().StartAsync(CancellationToken.None);

        var (adminId, tenantId) = await DemoAdminAsync(provider);
        using var browser = new EmulatorBrowser();
        var own = new List<double>(iterations);
        var total = new List<double>(iterations);
        for (var i = 0; i < iterations + 20; i++)
        {
            var callback = await StartAndAllowAsync(provider, browser, salesforce, adminId, tenantId);
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<BenchUser>().Id = adminId;
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var outbound = OutboundTiming.Begin();
            var started = Stopwatch.GetTimestamp();
            var result = await sender.Send(callback);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (!result.IsSuccess || !result.Value.Connected)
            {
                throw new InvalidOperationException($"Completion {i} failed: {result.Error?.Message ?? result.Value.Message}");
            }

            // The first completions warm up JIT, pools and caches.
            if (i >= 20)
            {
                own.Add((elapsed - outbound.Elapsed).TotalMilliseconds);
                total.Add(elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"| scenario | n | database | median (ms) | p95 (ms) | p99 (ms) |");
        Console.WriteLine($"|---|---|---|---|---|---|");
        Console.WriteLine($"| CompleteOAuth handler, excluding Salesforce | {own.Count} | {database.ProviderName} | {Percentile(own, 50):0.00} | {Percentile(own, 95):0.00} | {Percentile(own, 99):0.00} |");
        Console.WriteLine($"| CompleteOAuth handler, including Salesforce (emulator on loopback) | {total.Count} | {database.ProviderName} | {Percentile(total, 50):0.00} | {Percentile(total, 95):0.00} | {Percentile(total, 99):0.00} |");
    }

    private static async Task<CompleteOAuthCommand> StartAndAllowAsync(IServiceProvider provider, EmulatorBrowser browser, SalesforceEmulatorHost salesforce, Guid adminId, (Guid Id, string Slug) tenant)
    {
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<BenchUser>().Id = adminId;
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        var started = await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new AuthorizeProviderCommand("salesforce", ConnectionEnvironment.Production, null, null));
        var redirect = await browser.AuthorizeAsync(started.Value.AuthorizationUrl, salesforce.Demo.Admin.Username, DemoData.Password);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        return new CompleteOAuthCommand("salesforce", query["state"], query["code"], null, null, started.Value.BrowserBinding);
    }

    private static async Task<(Guid AdminId, (Guid Id, string Slug) Tenant)> DemoAdminAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var admin = db.Users.Single(u => u.Email == TestUsers.DemoAdmin);
        var tenant = db.Tenants.Single(t => t.Slug == TestUsers.DemoTenant);
        return (admin.Id, (tenant.Id, tenant.Slug));
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private sealed class BenchUser : ICurrentUser
    {
        public Guid Id { get; set; }
        public Guid? UserId => Id;
        public string? Email => TestUsers.DemoAdmin;
        public string? DisplayName => TestUsers.DemoAdmin;

        public bool IsInRole(string role) => false;
    }

    private sealed class BenchHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Benchmark";
        public string ApplicationName { get; set; } = "Natero.Connectors.Benchmarks";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
