using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.HubSpotEmulator;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Seeding;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.Composition;
using Natero.Connectors.ZendeskEmulator;

[assembly: AssemblyFixture(typeof(Natero.Connectors.Application.FunctionalTests.ApplicationFixture))]

namespace Natero.Connectors.Application.FunctionalTests;

/// <summary>
/// The use cases as the web host composes them, minus HTTP, on a real database. Each test sends
/// requests as a chosen user in a chosen tenant.
/// </summary>
public sealed class ApplicationFixture : IAsyncLifetime
{
    public const string CallbackUrl = "https://natero.test/oauth/callback/salesforce";
    public const string HubSpotCallbackUrl = "https://natero.test/oauth/callback/hubspot";
    public const string ZendeskCallbackUrl = "https://natero.test/oauth/callback/zendesk";
    public const string PublicBaseUrl = "https://natero.test/";

    private readonly IReadOnlyDictionary<string, string?> _overrides;
    private readonly string _purpose;
    private TestDatabase? _database;
    private ServiceProvider? _services;

    public ApplicationFixture()
        : this(new Dictionary<string, string?>(), "app") { }

    /// <summary>A second app with its own database and emulator, and these settings over the shared ones.</summary>
    internal ApplicationFixture(IReadOnlyDictionary<string, string?> overrides, string purpose)
    {
        _overrides = overrides;
        _purpose = purpose;
    }

    public TestDatabase Database => _database!;

    public SalesforceEmulatorHost Salesforce { get; private set; } = null!;

    public HubSpotEmulatorHost HubSpot { get; private set; } = null!;

    /// <summary>Zendesk's accounts, each on its own loopback port; the app uses acme's own OAuth client.</summary>
    public ZendeskEmulatorHost Zendesk { get; private set; } = null!;

    /// <summary>Where the app's mail goes (the outbox worker runs only when a test runs a round).</summary>
    public TestSmtpServer Mail { get; private set; } = null!;

    /// <summary>The app's clock; the emulator keeps real time.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Every log line the app wrote, at every level, for the tests that look for secrets.</summary>
    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _services!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(_purpose);
        Salesforce = await SalesforceEmulatorHost.StartAsync();
        HubSpot = await HubSpotEmulatorHost.StartAsync();
        Zendesk = await ZendeskEmulatorHost.StartAsync();
        Mail = await TestSmtpServer.StartNewAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(_database.Settings.Concat(SalesforceTestSettings.For(Salesforce, CallbackUrl)))
            .AddInMemoryCollection(HubSpotTestSettings.For(HubSpot, HubSpotCallbackUrl))
            .AddInMemoryCollection(ZendeskTestSettings.For(Zendesk, ZendeskCallbackUrl))
            .AddInMemoryCollection(Mail.Settings)
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Email:PublicBaseUrl"] = PublicBaseUrl,
                    ["Email:RetryBaseDelay"] = "00:00:00.100",

                    // The webhook receivers of the tests listen on loopback.
                    ["Webhooks:AllowLoopbackHttp"] = "true",
                }
            )
            .AddInMemoryCollection(_overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(new FakeDatesRealTimers(Clock));
        services.AddNateroCore(configuration);
        services.AddScoped<TestCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await _services.GetRequiredService<DatabaseInitializer>().StartAsync(CancellationToken.None);
    }

    /// <summary>Empties the database and seeds it again, as a first run would.</summary>
    public async Task ResetAsync()
    {
        await Database.ResetAsync();
        await using var scope = Services.CreateAsyncScope();
        await Services.GetRequiredService<DatabaseInitializer>().SeedAsync(scope.ServiceProvider, CancellationToken.None);
    }

    /// <summary>
    /// Empties the database and seeds it again, clears the emulator's request log and switches, empties
    /// the mail server and lets it accept mail, and moves the clock past everything the last test did.
    /// </summary>
    public async Task ResetAllAsync()
    {
        await ResetAsync();
        Salesforce.RequestLog.Clear();
        Salesforce.Faults.Clear();
        HubSpot.RequestLog.Clear();
        HubSpot.Faults.Clear();
        ResetZendesk();
        await Mail.ResetAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        Logs.Clear();
    }

    /// <summary>The Zendesk emulator's log and the switches tests flip, back to their defaults.</summary>
    private void ResetZendesk()
    {
        Zendesk.RequestLog.Clear();
        Zendesk.Faults.Clear();
        Zendesk.Settings.RevokeCurrentNeedsWriteScope = false;
        Zendesk.Settings.AuthorizationCodeLifetime = TimeSpan.FromSeconds(120);
        Zendesk.Demo.ExpiringClient.TokensExpire = true;
    }

    public async Task<T> SendAsync<T>(ICommand<T> command, Actor? actor, string? tenantSlug = null)
    {
        await using var scope = await EnterAsync(actor, tenantSlug);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<T> SendAsync<T>(IQuery<T> query, Actor? actor, string? tenantSlug = null)
    {
        await using var scope = await EnterAsync(actor, tenantSlug);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    /// <summary>A scope acting as <paramref name="actor"/> in <paramref name="tenantSlug"/>, like one HTTP request.</summary>
    public async Task<AsyncServiceScope> EnterAsync(Actor? actor, string? tenantSlug)
    {
        var scope = Services.CreateAsyncScope();
        if (actor is not null)
        {
            scope.ServiceProvider.GetRequiredService<TestCurrentUser>().Become(actor);
        }

        if (tenantSlug is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == tenantSlug);
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        }

        return scope;
    }

    public async Task<Actor> UserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}.");
        return new Actor(user.Id, email, [.. await users.GetRolesAsync(user)]);
    }

    public async Task<Actor> CreateUserAsync(string email, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
        };
        (await users.CreateAsync(user, TestUsers.Password)).Succeeded.ShouldBeTrue();
        foreach (var role in roles)
        {
            (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        }

        return new Actor(user.Id, email, roles);
    }

    /// <summary>
    /// Makes <paramref name="email"/> a member of the tenant with these permissions, creating the account when
    /// needed, as if they had accepted an invitation: for tests about what members may do, not about joining.
    /// </summary>
    public async Task<Actor> AddMemberAsync(string email, string tenantSlug, params string[] permissions)
    {
        var actor = await FindUserAsync(email) ?? await CreateUserAsync(email);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Slug == tenantSlug);
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        db.Memberships.Add(Domain.Tenants.Membership.Create(Guid.CreateVersion7(), tenant.Id, actor.UserId, permissions));
        await db.SaveChangesAsync();
        return actor;
    }

    /// <summary>
    /// Creates a tenant as the platform admin and has <paramref name="adminEmail"/> accept the emailed invitation,
    /// with a new account (password <see cref="TestUsers.Password"/>) or, when one exists, signed in as it.
    /// </summary>
    public async Task<Actor> CreateTenantAsync(string slug, string adminEmail, string? name = null)
    {
        var platformAdmin = await UserAsync(TestUsers.PlatformAdmin);
        var tenantName = name ?? slug.ToUpperInvariant();
        var created = await SendAsync(
            new Application.Tenants.Commands.CreateTenant.CreateTenantCommand(tenantName, slug, adminEmail),
            platformAdmin
        );
        created.IsSuccess.ShouldBeTrue(created.Error?.Message);
        await AcceptInvitationAsync(adminEmail, $"You are invited to {tenantName} on");
        return await UserAsync(adminEmail);
    }

    /// <summary>Accepts the last invitation emailed to <paramref name="email"/> through its link, as its recipient would.</summary>
    public async Task<Application.Tenants.Invitations.Commands.AcceptInvitation.AcceptedInvitationDto> AcceptInvitationAsync(
        string email,
        string subject = QueuedEmails.InvitationSubject
    )
    {
        var token = (await LastEmailToAsync(email, subject)).InvitationToken();
        var existing = await FindUserAsync(email);
        var accepted = existing is null
            ? await SendAsync(
                new Application.Tenants.Invitations.Commands.AcceptInvitation.AcceptInvitationWithNewAccountCommand(
                    token,
                    TestUsers.Password,
                    null
                ),
                null
            )
            : await SendAsync(new Application.Tenants.Invitations.Commands.AcceptInvitation.AcceptInvitationCommand(token), existing);
        accepted.IsSuccess.ShouldBeTrue(accepted.Error?.Message);
        return accepted.Value;
    }

    /// <summary>The newest message queued for <paramref name="to"/>, decrypted from the outbox as the sender would.</summary>
    public Task<QueuedEmail> LastEmailToAsync(string to, string? subject = null) => QueuedEmails.LastTo(Services, to, subject);

    private async Task<Actor?> FindUserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.FindByEmailAsync(email) is { } user ? new Actor(user.Id, email, [.. await users.GetRolesAsync(user)]) : null;
    }

    public async Task<T> QueryDbAsync<T>(Func<ApplicationDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (Salesforce is not null)
        {
            await Salesforce.DisposeAsync();
        }

        if (HubSpot is not null)
        {
            await HubSpot.DisposeAsync();
        }

        if (Zendesk is not null)
        {
            await Zendesk.DisposeAsync();
        }

        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>
/// The app reads dates from the test's clock, but waits in real time: the HTTP resilience pipeline takes
/// its timers from the app's TimeProvider, and Salesforce's emulator answers (or hangs) in real time.
/// </summary>
internal sealed class FakeDatesRealTimers(FakeTimeProvider dates) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => dates.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => dates.LocalTimeZone;
}

internal sealed class TestHostEnvironment : IHostEnvironment
{
    public string EnvironmentName { get; set; } = "Testing";
    public string ApplicationName { get; set; } = "Natero.Connectors.Tests";
    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}

public sealed record Actor(Guid UserId, string Email, IReadOnlyList<string> Roles);

public sealed class TestCurrentUser : ICurrentUser
{
    private Actor? _actor;

    public Guid? UserId => _actor?.UserId;
    public string? Email => _actor?.Email;
    public string? DisplayName => _actor?.Email;

    public void Become(Actor actor) => _actor = actor;

    public bool IsInRole(string role) => _actor?.Roles.Contains(role) == true;
}

/// <summary>Every test starts from a freshly seeded database.</summary>
public abstract class FunctionalTest(ApplicationFixture app) : IAsyncLifetime
{
    protected ApplicationFixture App { get; } = app;

    public virtual async ValueTask InitializeAsync() => await App.ResetAllAsync();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
