using System.Net;
using System.Security.Cryptography;
using Natero.Connectors.ZendeskEmulator.Api;
using Natero.Connectors.ZendeskEmulator.Hosting;
using Natero.Connectors.ZendeskEmulator.OAuth;

namespace Natero.Connectors.ZendeskEmulator;

/// <summary>
/// A running Zendesk emulator: Kestrel on 127.0.0.1, one port per account (subdomain), so each account is its own
/// origin as <c>{subdomain}.zendesk.com</c> is. Start it with <see cref="StartAsync"/>; it comes seeded with <see cref="Demo"/>.
/// </summary>
public sealed class ZendeskEmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AccountSlots _slots;
    private readonly EmulatorDirectory _directory;
    private readonly TokenStore _tokens;
    private DemoData? _demo;

    private ZendeskEmulatorHost(WebApplication app)
    {
        _app = app;
        var services = app.Services;
        _slots = services.GetRequiredService<AccountSlots>();
        _directory = services.GetRequiredService<EmulatorDirectory>();
        _tokens = services.GetRequiredService<TokenStore>();
        Settings = services.GetRequiredService<EmulatorSettings>();
        Faults = services.GetRequiredService<EmulatorFaults>();
        RequestLog = services.GetRequiredService<RequestLog>();
        TimeProvider = services.GetRequiredService<TimeProvider>();
    }

    /// <summary>The accounts, users and clients every emulator starts with.</summary>
    public DemoData Demo => _demo ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>Every account, in port order.</summary>
    public IReadOnlyList<ZendeskAccount> Accounts => _directory.Accounts;

    public EmulatorSettings Settings { get; }

    public EmulatorFaults Faults { get; }

    /// <summary>Every request served, with secrets redacted.</summary>
    public RequestLog RequestLog { get; }

    public TimeProvider TimeProvider { get; }

    public static async Task<ZendeskEmulatorHost> StartAsync(
        ZendeskEmulatorOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        options ??= new ZendeskEmulatorOptions();
        var app = Build(options);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // Typically a fixed port is taken; nothing of this app may stay behind.
            await app.DisposeAsync();
            throw;
        }

        var slots = app.Services.GetRequiredService<AccountSlots>();
        foreach (var url in app.Urls.Select(u => new Uri(u)).OrderBy(u => options.FirstPort is null ? 0 : u.Port))
        {
            slots.Listen(url);
        }

        var host = new ZendeskEmulatorHost(app);
        host._demo = DemoData.Seed(host, options.DemoCallbackUrls);
        return host;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>, what to type as the subdomain (with <c>Zendesk:AllowLoopbackHttp</c>).</summary>
    public static Uri BaseUrlFor(ZendeskAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return account.BaseUrl;
    }

    /// <summary>The base URL of the account with this subdomain (<c>acme</c> or <c>acme.zendesk.com</c>).</summary>
    public Uri BaseUrlFor(string subdomain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subdomain);
        var name = subdomain.EndsWith(".zendesk.com", StringComparison.OrdinalIgnoreCase) ? subdomain[..^".zendesk.com".Length] : subdomain;
        return (_directory.FindAccount(name) ?? throw new KeyNotFoundException($"No account has the subdomain '{subdomain}'.")).BaseUrl;
    }

    /// <summary>Adds an account on the next free port.</summary>
    public ZendeskAccount AddAccount(string subdomain, string? name = null) =>
        AddAccount(RandomNumberGenerator.GetInt32(10_000_000, int.MaxValue), subdomain, name ?? subdomain);

    public ZendeskUser AddUser(ZendeskAccount account, string email, string password, string name, ZendeskRole role) =>
        AddUser(RandomNumberGenerator.GetInt32(100_000, int.MaxValue) + 20_000_000_000L, account, email, password, name, role);

    /// <summary>Adds an OAuth client owned by <paramref name="owner"/>, or a global one when it is null.</summary>
    public OAuthClient AddOAuthClient(
        string identifier,
        string secret,
        IEnumerable<string> redirectUrls,
        ZendeskAccount? owner,
        bool tokensExpire = true,
        string name = "Test OAuth client"
    ) => AddOAuthClient(RandomNumberGenerator.GetInt32(1_000, int.MaxValue), identifier, secret, redirectUrls, owner, tokensExpire, name);

    /// <summary>Registers one more redirect URL (a Natero instance's callback) on every demo client.</summary>
    public void AddDemoCallbackUrl(string url)
    {
        Demo.ExpiringClient.AddRedirectUrl(url);
        Demo.LegacyClient.AddRedirectUrl(url);
        Demo.GlobalClient.AddRedirectUrl(url);
    }

    public ZendeskUser? FindUser(ZendeskAccount account, string email)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _directory.FindUser(account, email);
    }

    public OAuthClient? FindOAuthClient(string identifier) => _directory.FindClient(identifier);

    /// <summary>Ends every access token now, as their expiry would; refresh tokens keep working.</summary>
    public void ExpireAllAccessTokens() => _tokens.ExpireAllAccessTokens();

    /// <summary>Revokes every token, access and refresh, as an admin deleting them in Admin Center would.</summary>
    public void RevokeAllTokens() => _tokens.RevokeAll();

    /// <summary>Whether an access or refresh token still works (without counting as a use of it).</summary>
    public bool IsTokenActive(string token) => _tokens.IsActive(token);

    /// <summary>Runs until Ctrl+C or SIGTERM.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal ZendeskAccount AddAccount(long id, string subdomain, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subdomain);
        if (_directory.SubdomainTaken(subdomain))
        {
            throw new InvalidOperationException($"An account with subdomain '{subdomain}' exists already.");
        }

        var account = _slots.Claim(url => new ZendeskAccount(id, subdomain, name, url));
        _directory.Add(account);
        return account;
    }

    internal ZendeskUser AddUser(long id, ZendeskAccount account, string email, string password, string name, ZendeskRole role)
    {
        ArgumentNullException.ThrowIfNull(account);
        var user = new ZendeskUser(id, account, email, name, role, password, TimeProvider.GetUtcNow());
        _directory.Add(user);
        return user;
    }

    internal OAuthClient AddOAuthClient(
        long id,
        string identifier,
        string secret,
        IEnumerable<string> redirectUrls,
        ZendeskAccount? owner,
        bool tokensExpire,
        string name
    )
    {
        var client = new OAuthClient(id, identifier, secret, name, owner, [.. redirectUrls]) { TokensExpire = tokensExpire };
        _directory.Add(client);
        return client;
    }

    private static WebApplication Build(ZendeskEmulatorOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AccountPorts, 2);
        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions
            {
                ApplicationName = typeof(ZendeskEmulatorHost).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            }
        );
        builder.Logging.ClearProviders();
        if (options.LogToConsole)
        {
            builder
                .Logging.AddSimpleConsole(console => console.SingleLine = true)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            for (var i = 0; i < options.AccountPorts; i++)
            {
                kestrel.Listen(IPAddress.Loopback, options.FirstPort is { } first ? first + i : 0);
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var time = options.TimeProvider ?? TimeProvider.System;
        builder
            .Services.AddSingleton(new AccountSlots(options.AccountPorts))
            .AddSingleton(time)
            .AddSingleton<EmulatorSettings>()
            .AddSingleton<EmulatorDirectory>()
            .AddSingleton<EmulatorFaults>()
            .AddSingleton<RequestLog>()
            .AddSingleton<TokenStore>()
            .AddSingleton<BrowserSessions>()
            .AddSingleton<AuthorizationFlow>()
            .AddSingleton<TokenEndpoint>();

        var app = builder.Build();
        var services = app.Services;
        app.UseAccountResolution(services.GetRequiredService<AccountSlots>());
        app.UseRequestLog(services.GetRequiredService<RequestLog>(), time);
        app.UseRouting();
        app.UseFaults(services.GetRequiredService<EmulatorFaults>());

        app.MapGet("/", (HttpContext context) =>
            Pages.Html.Page("Zendesk emulator", $"<h1>{Pages.Html.Encode(context.Account().ToString())}</h1>")
        );
        AuthorizationFlow.Map(app);
        TokenEndpoint.Map(app);
        SupportApi.Map(app);
        return app;
    }
}
