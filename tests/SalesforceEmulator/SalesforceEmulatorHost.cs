using Natero.Connectors.SalesforceEmulator.Hosting;
using Natero.Connectors.SalesforceEmulator.Identity;
using Natero.Connectors.SalesforceEmulator.OAuth;
using Natero.Connectors.SalesforceEmulator.Pages;
using Natero.Connectors.SalesforceEmulator.Rest;

namespace Natero.Connectors.SalesforceEmulator;

/// <summary>
/// A running Salesforce emulator: Kestrel on loopback, one address per Salesforce host (see README.md).
/// Start it with <see cref="StartAsync"/>; it comes seeded with <see cref="Demo"/>.
/// </summary>
public sealed class SalesforceEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HostMap _hosts;
    private readonly EmulatorDirectory _directory;
    private readonly TokenStore _tokens;
    private readonly IdTokenIssuer _idTokens;
    private DemoData? _demo;

    private SalesforceEmulatorHost(WebApplication app)
    {
        _app = app;
        var services = app.Services;
        _hosts = services.GetRequiredService<HostMap>();
        _directory = services.GetRequiredService<EmulatorDirectory>();
        _tokens = services.GetRequiredService<TokenStore>();
        _idTokens = services.GetRequiredService<IdTokenIssuer>();
        Settings = services.GetRequiredService<EmulatorSettings>();
        Faults = services.GetRequiredService<EmulatorFaults>();
        RequestLog = services.GetRequiredService<RequestLog>();
        TimeProvider = services.GetRequiredService<TimeProvider>();
    }

    /// <summary>The production login host (login.salesforce.com); the URL to give a client as its login URL.</summary>
    public Uri BaseUrl => ProductionLoginUrl;

    public Uri ProductionLoginUrl => _hosts.ProductionLogin.BaseUrl;

    /// <summary>The sandbox login host (test.salesforce.com).</summary>
    public Uri SandboxLoginUrl => _hosts.SandboxLogin.BaseUrl;

    /// <summary>Every host with its kind and, for My Domain hosts, its org.</summary>
    public IReadOnlyList<EmulatorHostInfo> Hosts =>
        [.. _hosts.All.Where(h => h.Kind != EmulatorHostKind.MyDomain || h.Org is not null).Select(h => h.Describe())];

    /// <summary>The orgs, users and app every emulator starts with.</summary>
    public DemoData Demo => _demo ?? throw new InvalidOperationException("The emulator has not started.");

    public EmulatorSettings Settings { get; }

    public EmulatorFaults Faults { get; }

    public RequestLog RequestLog { get; }

    public TimeProvider TimeProvider { get; }

    public static async Task<SalesforceEmulatorHost> StartAsync(
        SalesforceEmulatorOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        options ??= new SalesforceEmulatorOptions();
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

        var hosts = app.Services.GetRequiredService<HostMap>();
        foreach (var url in app.Urls.Select(u => new Uri(u)))
        {
            hosts.Find(System.Net.IPAddress.Parse(url.Host))?.Listen(url);
        }

        var host = new SalesforceEmulatorHost(app);
        host._demo = DemoData.Seed(host, options.DemoCallbackUrls);
        return host;
    }

    /// <summary>The login host an org's users use without My Domain: production or sandbox.</summary>
    public Uri LoginUrlFor(SalesforceOrg org)
    {
        ArgumentNullException.ThrowIfNull(org);
        return _hosts.LoginHostFor(org.Environment).BaseUrl;
    }

    /// <summary>Adds an org on the next free My Domain host (which becomes its <c>instance_url</c>).</summary>
    public SalesforceOrg AddOrg(string name, string myDomain, OrgEnvironment environment = OrgEnvironment.Production) =>
        AddOrg(SalesforceId.New("00D"), name, myDomain, environment);

    public EmulatorUser AddUser(
        SalesforceOrg org,
        string username,
        string password,
        string firstName = "Test",
        string lastName = "User",
        bool apiEnabled = true
    ) => AddUser(SalesforceId.New("005"), org, username, password, firstName, lastName, apiEnabled);

    public ConnectedApp AddConnectedApp(
        string clientId,
        string clientSecret,
        IEnumerable<string> callbackUrls,
        string name = "Test Connected App"
    )
    {
        var app = new ConnectedApp(name, clientId, clientSecret, [.. callbackUrls]);
        _directory.Add(app);
        return app;
    }

    /// <summary>
    /// Moves the org to another instance, as a Salesforce org migration does: it takes the next free My Domain host
    /// (its new <c>instance_url</c>; its <c>id</c> URLs move there too) and <paramref name="newInstanceName"/>.
    /// Tokens keep working on the new host and every later token or refresh answer names it; the old host answers
    /// as <paramref name="oldHost"/> says. The default, 401 <c>INVALID_SESSION_ID</c>, sends a client that kept the
    /// old <c>instance_url</c> to refresh, which gives it the new one.
    /// </summary>
    public void MigrateOrg(SalesforceOrg org, string newInstanceName, MovedHostAnswer oldHost = MovedHostAnswer.InvalidSession)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentException.ThrowIfNullOrWhiteSpace(newInstanceName);
        _hosts.Move(org, oldHost, url => org.MoveTo(url, org.MyDomain, newInstanceName));
    }

    /// <summary>
    /// Renames the org's My Domain, which moves its host: as <see cref="MigrateOrg"/>, with the instance unchanged. By
    /// default the previous host redirects (307) to the new one, as Salesforce does until the admin turns that off.
    /// </summary>
    public void ChangeMyDomain(SalesforceOrg org, string newMyDomain, MovedHostAnswer oldHost = MovedHostAnswer.Redirect)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentException.ThrowIfNullOrWhiteSpace(newMyDomain);
        if (_directory.MyDomainTaken(newMyDomain))
        {
            throw new InvalidOperationException($"An org with My Domain '{newMyDomain}' exists already.");
        }

        var previous = org.MyDomain;
        _hosts.Move(org, oldHost, url => org.MoveTo(url, newMyDomain, org.InstanceName));
        _directory.Rename(org, previous);
    }

    public EmulatorUser? FindUser(string username) => _directory.FindUser(username);

    public ConnectedApp? FindConnectedApp(string clientId) => _directory.FindApp(clientId);

    /// <summary>Ends every access token now, as a session timeout would; refresh tokens keep working.</summary>
    public void ExpireAllAccessTokens() => _tokens.ExpireAllAccessTokens();

    /// <summary>Revokes every approval, as an admin revoking the app's OAuth usage: refresh and access tokens stop working.</summary>
    public void RevokeAllTokens() => _tokens.RevokeAll();

    /// <summary>Whether an access or refresh token still works (without counting as a use of it).</summary>
    public bool IsTokenActive(string token) => _tokens.IsActive(token);

    /// <summary>Runs until Ctrl+C or SIGTERM.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _idTokens.Dispose();
    }

    internal SalesforceOrg AddOrg(string id, string name, string myDomain, OrgEnvironment environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(myDomain);
        if (_directory.MyDomainTaken(myDomain))
        {
            throw new InvalidOperationException($"An org with My Domain '{myDomain}' exists already.");
        }

        var org = _hosts.ClaimMyDomainHost(url => new SalesforceOrg(id, name, myDomain, environment, url));
        _directory.Add(org);
        return org;
    }

    internal EmulatorUser AddUser(
        string id,
        SalesforceOrg org,
        string username,
        string password,
        string firstName,
        string lastName,
        bool apiEnabled
    )
    {
        var user = new EmulatorUser(id, org, username, password, firstName, lastName, TimeProvider.GetUtcNow()) { ApiEnabled = apiEnabled };
        _directory.Add(user);
        return user;
    }

    private static WebApplication Build(SalesforceEmulatorOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions
            {
                ApplicationName = typeof(SalesforceEmulatorHost).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            }
        );
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
        {
            // One line per request and response is what a demo needs; the banner already lists the hosts.
            builder
                .Logging.AddSimpleConsole(console => console.SingleLine = true)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information);
        }

        var hosts = new HostMap(options.MyDomainHosts);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var slot in hosts.All)
            {
                kestrel.Listen(slot.Address, options.Port);
            }
        });

        // A hung request (Fault.Hang) must not hold up shutdown for the default 30 seconds.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var settings = new EmulatorSettings();
        builder
            .Services.AddSingleton(hosts)
            .AddSingleton(settings)
            .AddSingleton(options.TimeProvider)
            .AddSingleton<EmulatorDirectory>()
            .AddSingleton<EmulatorFaults>()
            .AddSingleton<RequestLog>()
            .AddSingleton<TokenStore>()
            .AddSingleton<BrowserSessions>()
            .AddSingleton<IdTokenIssuer>()
            .AddSingleton<AuthorizationFlow>()
            .AddSingleton<TokenEndpoint>();

        var app = builder.Build();
        var services = app.Services;
        app.UseHostResolution(hosts);
        app.UseRequestLog(services.GetRequiredService<RequestLog>(), options.TimeProvider);
        app.UseMovedHosts();
        app.UseRouting();
        app.UseHostRoleGate();
        app.UseFaults(services.GetRequiredService<EmulatorFaults>(), options.TimeProvider, app.Lifetime);

        app.MapGet("/", (HttpContext context) => IndexPage.Render(context.Host(), hosts));
        app.MapAuthorize();
        TokenEndpoint.Map(app);
        app.MapRevocation();
        app.MapDiscovery();
        app.MapIdentity();
        app.MapRest();
        return app;
    }
}
