using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.DataProtection;

/// <summary>
/// The real host on a database of the test's own, in the environment and with the settings the test gives.
/// These tests start several instances, with and without a certificate, over one database: the shared
/// factory's database and key ring must not see them. A setting given as null removes the database's own
/// (the fixed token key, for the tests of the generated key file).
/// </summary>
public sealed class KeyRingHost(TestDatabase database, IReadOnlyDictionary<string, string?> settings, string environment = "Testing")
    : WebApplicationFactory<Program>
{
    public CapturedLogs Logs { get; } = new();

    /// <summary>A browser whose cookies live in <paramref name="cookies"/>, to carry them from one instance to another.</summary>
    public Browser NewBrowser(CookieContainer cookies) =>
        new(CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(cookies)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);

        // Production also requires the base of email links; these hosts are about the key ring only.
        builder.UseSetting("Email:PublicBaseUrl", "https://localhost/");
        var merged = database
            .Settings.Where(setting => !settings.ContainsKey(setting.Key))
            .Concat(settings.Where(setting => setting.Value is not null));
        foreach (var (key, value) in merged)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
    }
}
