using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Security;

/// <summary>The audit trail records the client's address: from X-Forwarded-For only when a configured proxy sent it.</summary>
public sealed class ForwardedHeadersTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task A_configured_proxy_is_believed()
    {
        var ip = await RecordedAddressAsync(socket: "10.0.0.1", forwardedFor: Client, ("ForwardedHeaders:KnownProxies:0", "10.0.0.1"));

        ip.ShouldBe(Client);
    }

    [Fact]
    public async Task A_proxy_inside_a_configured_network_is_believed()
    {
        var ip = await RecordedAddressAsync(socket: "10.1.2.3", forwardedFor: Client, ("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8"));

        ip.ShouldBe(Client);
    }

    [Fact]
    public async Task Anyone_else_claiming_an_address_is_ignored()
    {
        var ip = await RecordedAddressAsync(socket: "198.51.100.20", forwardedFor: Client, ("ForwardedHeaders:KnownProxies:0", "10.0.0.1"));

        ip.ShouldBe("198.51.100.20");
    }

    [Fact]
    public async Task With_no_proxy_configured_not_even_loopback_is_believed()
    {
        var ip = await RecordedAddressAsync(socket: "127.0.0.1", forwardedFor: Client);

        ip.ShouldBe("127.0.0.1");
    }

    /// <summary>Exports the demo tenant's audit log (which records who exported it) through a host with these settings.</summary>
    private async Task<string?> RecordedAddressAsync(string socket, string forwardedFor, params (string Key, string Value)[] settings)
    {
        await using var host = Factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new SocketAddress(IPAddress.Parse(socket))));
        });
        using var browser = new Browser(
            host.CreateClient(
                new WebApplicationFactoryClientOptions
                {
                    BaseAddress = new Uri("https://localhost"),
                    AllowAutoRedirect = false,
                    HandleCookies = true,
                }
            )
        );
        (await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/t/{TestUsers.DemoTenant}/settings/audit?handler=export");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await browser.Client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Action == "audit.exported").Select(e => e.IpAddress).SingleAsync();
    }

    /// <summary>Plays the part of the socket: the address the connection came from.</summary>
    private sealed class SocketAddress(IPAddress address) : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(
            Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next
        ) =>
            app =>
            {
                app.Use(nextMiddleware =>
                    context =>
                    {
                        context.Connection.RemoteIpAddress = address;
                        return nextMiddleware(context);
                    }
                );
                next(app);
            };
    }
}
