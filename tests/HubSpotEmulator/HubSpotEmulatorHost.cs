using System.Net;
using Natero.Connectors.HubSpotEmulator.Api;
using Natero.Connectors.HubSpotEmulator.Hosting;
using Natero.Connectors.HubSpotEmulator.OAuth;
using Natero.Connectors.HubSpotEmulator.Pages;

namespace Natero.Connectors.HubSpotEmulator;

/// <summary>
/// A running HubSpot emulator: one Kestrel on 127.0.0.1 serving both app.hubspot.com's install flow and
/// api.hubapi.com's OAuth and API paths (see README.md). Start it with <see cref="StartAsync"/>; it comes seeded
/// with <see cref="Demo"/>.
/// </summary>
public sealed class HubSpotEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorDirectory _directory;
    private readonly TokenStore _tokens;
    private DemoData? _demo;

    private HubSpotEmulatorHost(WebApplication app)
    {
        _app = app;
        var services = app.Services;
        _directory = services.GetRequiredService<EmulatorDirectory>();
        _tokens = services.GetRequiredService<TokenStore>();
        Settings = services.GetRequiredService<EmulatorSettings>();
        Faults = services.GetRequiredService<EmulatorFaults>();
        RequestLog = services.GetRequiredService<RequestLog>();
        TimeProvider = services.GetRequiredService<TimeProvider>();
        BaseUrl = new Uri($"http://{IPAddress.Loopback}:{new Uri(app.Urls.First()).Port}/");
    }

    /// <summary>The one origin, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Stands for <c>https://app.hubspot.com/oauth/authorize</c>.</summary>
    public Uri AuthorizeUrl => new(BaseUrl, "oauth/authorize");

    /// <summary>Stands for <c>https://api.hubapi.com/oauth/v3/token</c>.</summary>
    public Uri TokenUrl => new(BaseUrl, "oauth/v3/token");

    /// <summary>Stands for <c>https://api.hubapi.com/oauth/v3/token/introspect</c>.</summary>
    public Uri IntrospectUrl => new(BaseUrl, "oauth/v3/token/introspect");

    /// <summary>Stands for <c>https://api.hubapi.com/oauth/v3/token/revoke</c>.</summary>
    public Uri RevokeUrl => new(BaseUrl, "oauth/v3/token/revoke");

    /// <summary>Stands for <c>https://api.hubapi.com</c>: the same origin as the install pages.</summary>
    public Uri ApiBaseUrl => BaseUrl;

    /// <summary>The app, accounts and users every emulator starts with.</summary>
    public DemoData Demo => _demo ?? throw new InvalidOperationException("The emulator has not started.");

    public EmulatorSettings Settings { get; }

    public EmulatorFaults Faults { get; }

    public RequestLog RequestLog { get; }

    public TimeProvider TimeProvider { get; }

    public static async Task<HubSpotEmulatorHost> StartAsync(
        HubSpotEmulatorOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        options ??= new HubSpotEmulatorOptions();
        var app = Build(options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // Typically the fixed port is taken; nothing of this app may stay behind.
            await app.DisposeAsync();
            throw;
        }

        var host = new HubSpotEmulatorHost(app);
        host._demo = DemoData.Seed(host, options.DemoCallbackUrls);
        return host;
    }

    public HubSpotApp AddApp(long appId, string name, string clientId, string clientSecret, IEnumerable<string> callbackUrls)
    {
        var app = new HubSpotApp(appId, name, clientId, clientSecret, [.. callbackUrls]);
        _directory.Add(app);
        return app;
    }

    public Portal AddPortal(long hubId, string name, string hubDomain)
    {
        var portal = new Portal(hubId, name, hubDomain);
        _directory.Add(portal);
        return portal;
    }

    public EmulatorUser AddUser(long userId, string email, string password, string firstName = "Test", string lastName = "User")
    {
        var user = new EmulatorUser(userId, email, password, firstName, lastName);
        _directory.Add(user);
        return user;
    }

    /// <summary>
    /// Gives <paramref name="user"/> a seat in <paramref name="portal"/>; a Super Admin can install apps and grant every
    /// scope the account offers.
    /// </summary>
    public PortalMembership AddMembership(EmulatorUser user, Portal portal, bool superAdmin)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Join(new PortalMembership(portal, superAdmin));
    }

    public EmulatorUser? FindUser(string email) => _directory.FindUser(email);

    /// <summary>
    /// Ends every access token now (an API call then gets 401 <c>EXPIRED_AUTHENTICATION</c>); refresh tokens keep working.
    /// </summary>
    public void ExpireAllAccessTokens() => _tokens.ExpireAllAccessTokens();

    /// <summary>Revokes every refresh token and the access tokens issued from them, as uninstalling the app would.</summary>
    public void RevokeAllTokens() => _tokens.RevokeAll();

    /// <summary>Whether an access or refresh token still works.</summary>
    public bool IsTokenActive(string token) => _tokens.IsActive(token);

    /// <summary>Runs until Ctrl+C or SIGTERM.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(HubSpotEmulatorOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions
            {
                ApplicationName = typeof(HubSpotEmulatorHost).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            }
        );
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true).AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        // A hung request (Fault.Hang) must not hold up shutdown for the default 30 seconds.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder
            .Services.AddSingleton(new EmulatorSettings())
            .AddSingleton(options.TimeProvider)
            .AddSingleton<EmulatorDirectory>()
            .AddSingleton<EmulatorFaults>()
            .AddSingleton<RequestLog>()
            .AddSingleton<TokenStore>()
            .AddSingleton<BrowserSessions>()
            .AddSingleton<AuthorizationFlow>()
            .AddSingleton<TokenEndpoints>();

        var app = builder.Build();
        var services = app.Services;
        var console = options.LogToConsole ? services.GetRequiredService<ILoggerFactory>().CreateLogger("HubSpotEmulator") : null;
        app.UseRequestLog(services.GetRequiredService<RequestLog>(), options.TimeProvider, console);
        app.UseRouting();
        app.UseFaults(services.GetRequiredService<EmulatorFaults>(), options.TimeProvider, app.Lifetime);

        app.MapGet("/", () =>
            Html.Page("HubSpot emulator", "<h1>HubSpot emulator</h1><p>Install URLs start at <code>/oauth/authorize</code>.</p>")
        );
        AuthorizationFlow.Map(app);
        TokenEndpoints.Map(app);
        ApiEndpoints.Map(app);
        return app;
    }
}
