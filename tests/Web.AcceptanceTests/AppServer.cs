using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Tests.Shared;

[assembly: AssemblyFixture(typeof(Natero.Connectors.Web.AcceptanceTests.AppServer))]

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>The real app on Kestrel over plain http on a free loopback port, for a real browser.</summary>
public sealed class AppServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    public Uri BaseUrl { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("browser");
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _database!.Settings)
        {
            builder.UseSetting(key, value);
        }

        // Plain http on loopback: cookies cannot be Secure here.
        builder.UseSetting("Security:AllowInsecureCookies", "true");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
