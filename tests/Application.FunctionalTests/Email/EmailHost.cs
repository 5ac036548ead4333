using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Application.FunctionalTests.Email;

/// <summary>
/// A generic host composed as the app's (its hosted services, start-up validation, environment and content
/// root), over the fixture's database, for what the fixture's bare service provider cannot show.
/// </summary>
internal static class EmailHost
{
    /// <summary><paramref name="settings"/> with <paramref name="overrides"/> over them, nothing of the fixture's.</summary>
    public static IHost BuildWith(
        ApplicationFixture app,
        IEnumerable<KeyValuePair<string, string?>> settings,
        IReadOnlyDictionary<string, string?> overrides,
        string environment = "Testing",
        string? contentRoot = null
    )
    {
        var builder = Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings
            {
                DisableDefaults = true,
                EnvironmentName = environment,
                ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
            }
        );
        builder.Configuration.AddInMemoryCollection(settings).AddInMemoryCollection(overrides);
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(app.Logs);
        builder.Services.AddSingleton<TimeProvider>(new FakeDatesRealTimers(app.Clock));
        builder.Services.AddNateroCore(builder.Configuration);
        builder.Services.AddScoped<ICurrentUser, TestCurrentUser>();
        return builder.Build();
    }

    /// <summary>The fixture's settings (database, SMTP server, public base URL) with <paramref name="overrides"/> over them.</summary>
    public static IHost Build(
        ApplicationFixture app,
        IReadOnlyDictionary<string, string?> overrides,
        string environment = "Testing",
        string? contentRoot = null
    ) => BuildWith(app, app.Services.GetRequiredService<IConfiguration>().AsEnumerable(), overrides, environment, contentRoot);
}
