using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.Revocations;
using Natero.Connectors.Application.Connections.Verification;
using Natero.Connectors.Application.Notifications;
using Natero.Connectors.Infrastructure.ApiCalls;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Infrastructure.Crypto;
using Natero.Connectors.Infrastructure.Email;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Locking;
using Natero.Connectors.Infrastructure.Monitoring;
using Natero.Connectors.Infrastructure.Notifications;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Providers;
using Natero.Connectors.Infrastructure.Redis;
using Natero.Connectors.Infrastructure.Revocations;
using Natero.Connectors.Infrastructure.Seeding;
using Natero.Connectors.Infrastructure.Tenancy;
using Natero.Connectors.Infrastructure.Webhooks;
using Polly;

namespace Natero.Connectors.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());

        AddDatabase(services);

        // Registered before anything else that starts with the host, such as the data protection key
        // ring loader, so that the schema exists before they read it.
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.Section));
        services
            .AddOptions<Application.Tenants.Invitations.InvitationOptions>()
            .Bind(configuration.GetSection(Application.Tenants.Invitations.InvitationOptions.Section))
            .Validate(
                o => o.Lifetime > TimeSpan.Zero && o.Lifetime <= TimeSpan.FromDays(90),
                "Invitations:Lifetime must be above zero and at most 90 days."
            )
            .ValidateOnStart();
        services
            .AddOptions<Application.Common.Email.EmailOptions>()
            .Bind(configuration.GetSection(Application.Common.Email.EmailOptions.Section));
        services.AddOptions<AuditRetentionOptions>().Bind(configuration.GetSection(AuditRetentionOptions.Section));
        services.AddTransient<AuditArchiver>();
        services.AddSingleton<IAuditCsvWriter, AuditCsvWriter>();
        services.AddOptions<AuditCheckpointOptions>().Bind(configuration.GetSection(AuditCheckpointOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditCheckpointOptions>, AuditCheckpointOptionsValidator>();
        services.AddSingleton<IAuditCheckpointSigner, AuditCheckpointSigningKey>();
        services.AddSingleton<SeedReport>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());
        services.AddSingleton<ApiKeyRefusalWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyRefusalWriter>());
        services.AddSingleton<ApiCallTallyWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiCallTallyWriter>());

        services
            .AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<ApplicationRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddUserStore<AccountUserStore>()
            .AddSignInManager<NateroSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<AccountClaimsPrincipalFactory>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IAccounts, IdentityAccounts>();
        services.AddScoped<IPasskeys, IdentityPasskeys>();
        services.AddSingleton<PasskeyCeremonies>();
        services.AddOptions<IdentityPasskeyOptions>().Configure(o => PasskeySettings.Apply(o, configuration));
        services.AddScoped<IExternalLogins, IdentityExternalLogins>();
        // A reset link works for an hour; using it (or any password change) renews the security stamp and spends it.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));
        services.AddScoped<IIdempotencyStore, Idempotency.IdempotencyStore>();
        services.AddScoped<Application.Connections.Queries.ListConnections.IConnectionPages, Persistence.Queries.ConnectionPages>();

        AddKeyRing(services, configuration);
        AddEmail(services, configuration);
        AddNotifications(services, configuration);
        AddProviders(services, configuration);
        services.AddNateroWebhookTransport(configuration);
        AddRedis(services, configuration);

        services.AddHealthChecks().AddDbContextCheck<ApplicationDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Always registered: without <c>Redis:Configuration</c> (read when first resolved, like the database) the
    /// connection stays null and everything counts and caches per instance, as with no Redis code at all.
    /// </summary>
    private static void AddRedis(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section));
        services.AddSingleton<RedisConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton<RedisApiKeyCacheInvalidation>();
        services.AddSingleton<IApiKeyCacheInvalidation>(sp => sp.GetRequiredService<RedisApiKeyCacheInvalidation>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisApiKeyCacheInvalidation>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, tags: ["ready"]);
    }

    /// <summary>
    /// The key ring lives in the database, encrypted to <c>DataProtection:Certificate*</c> when it is set. The
    /// certificate is loaded here, from the configuration the host composes with, because
    /// <c>ProtectKeysWithCertificate</c> needs the certificate itself; a failure to load it is reported by the
    /// options validation when the host starts, so the app never serves with a half-applied setting.
    /// </summary>
    private static void AddKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(KeyRingProtectionOptions.Section);
        var certificate = KeyRingCertificate.Load(section.Get<KeyRingProtectionOptions>() ?? new KeyRingProtectionOptions());
        services.AddSingleton(_ => certificate);
        services.AddOptions<KeyRingProtectionOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingProtectionOptions>, KeyRingProtectionOptionsValidator>();
        services.AddHostedService<KeyRingProtectionReport>();

        // After the database initializer, registered earlier: the key rows it reads must exist.
        services.AddHostedService<UnencryptedKeyRevocation>();

        var dataProtection = services
            .AddDataProtection()
            .SetApplicationName("Natero.Connectors")
            .PersistKeysToDbContext<ApplicationDbContext>();
        if (certificate.Certificate is { } encrypting)
        {
            dataProtection.ProtectKeysWithCertificate(encrypting);
        }
    }

    /// <summary>
    /// Both providers are registered and the configuration picks one when first resolved, so a host
    /// (or a test) may still change the configuration after registration.
    /// </summary>
    private static void AddDatabase(IServiceCollection services)
    {
        services.AddSingleton(sp => DatabaseOptions.From(sp.GetRequiredService<IConfiguration>()));
        // Pooled: a request leases a context with its EF Core services already built, instead of building
        // them (query pipeline, connection, change tracker) for every request; the scope binds its tenant.
        // AddDbContextPool leases per scope and returns the context once when the scope ends, however many
        // registrations (ApplicationDbContext, IApplicationDbContext) handed the same instance out.
        services.AddDbContextPool<SqliteApplicationDbContext>(UseDatabase);
        services.AddDbContextPool<PostgresApplicationDbContext>(UseDatabase);
        services.AddScoped<ApplicationDbContext>(sp =>
            (
                sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
                    ? (ApplicationDbContext)sp.GetRequiredService<PostgresApplicationDbContext>()
                    : sp.GetRequiredService<SqliteApplicationDbContext>()
            )
                .BindTo(sp.GetRequiredService<ITenantContext>(), sp.GetRequiredService<TimeProvider>())
                .GroupAuditAppends(sp.GetRequiredService<AuditAppends>())
        );
        services.AddSingleton<AuditAppends>();
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
    }

    private static void UseDatabase(IServiceProvider services, DbContextOptionsBuilder options)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        options.UseDatabase(database, database.ConnectionString);
    }

    /// <summary>
    /// Mail is queued in the outbox with the change that causes it and sent by the worker: through the SMTP
    /// server of Email:Smtp, or into the pickup directory when no host is set.
    /// </summary>
    private static void AddEmail(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<EmailOptions>, EmailPublicBaseUrlDefault>();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<PickupDirectoryEmailTransport>();
        services.AddSingleton<IEmailTransport>(sp =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
                ? sp.GetRequiredService<PickupDirectoryEmailTransport>()
                : sp.GetRequiredService<SmtpEmailTransport>()
        );
        services.AddSingleton<EmailOutboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailOutboxWorker>());
        Events.EventServices.AddEvents(services);
    }

    /// <summary>Who is emailed about connections (the emails are an event consumer in Application), and the daily digest.</summary>
    private static void AddNotifications(IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<NotificationOptions>()
            .Bind(configuration.GetSection(NotificationOptions.Section))
            .Validate(o => o.DigestHourUtc is >= 0 and <= 23, "Notifications:DigestHourUtc must be an hour from 0 to 23 (UTC).")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Notifications:PollInterval must be above zero.")
            .ValidateOnStart();
        services.AddScoped<INotificationRecipients, NotificationRecipients>();
        services.AddSingleton<DailyDigestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DailyDigestWorker>());
    }

    private static void AddProviders(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TokenKeyRing>();
        services.AddHostedService<TokenKeyRingStartupCheck>();
        services.AddSingleton<ISecretProtector, SecretProtector>();
        ProviderModules.AddAll(services, configuration);
        services.AddScoped<IOAuthProviderRegistry, OAuthProviderRegistry>();
        services.AddSingleton<IConnectionLock, ConnectionLock>();
        services.AddOptions<VerificationSchedule>().Bind(configuration.GetSection(VerificationSchedule.Section));
        services.AddSingleton<ConnectionMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectionMonitor>());
        services
            .AddOptions<RevocationOptions>()
            .Bind(configuration.GetSection(RevocationOptions.SectionName))
            .Validate(
                o => o.PollInterval > TimeSpan.Zero && o.LeaseDuration > TimeSpan.Zero,
                "Revocations:PollInterval and Revocations:LeaseDuration must be longer than zero."
            )
            .ValidateOnStart();
        services.AddSingleton<RevocationsWaiting>();
        services.AddSingleton<IRevocationSignal>(sp => sp.GetRequiredService<RevocationsWaiting>());
        services.AddSingleton<GrantRevocationWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<GrantRevocationWorker>());
        services.AddSingleton<OperationalGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationalGauges>());
        services.AddSingleton<AuditCheckpointWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointWorker>());
    }

    private static void ConfigureIdentity(IdentityOptions options)
    {
        // Length over composition rules, as NIST SP 800-63B advises.
        options.Password.RequiredLength = 12;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireDigit = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
        // Version 3 adds the passkeys table (WebAuthn credentials); contexts made outside the container use the same.
        options.Stores.SchemaVersion = IdentitySchema.Version;
    }
}
