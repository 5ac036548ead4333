using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Infrastructure.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Providers.Salesforce;
using Natero.Connectors.Infrastructure.Crypto;
using Natero.Connectors.Infrastructure.Providers;
using Natero.Connectors.Infrastructure.Salesforce;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Application.Connections.Verification;
using Natero.Connectors.Infrastructure.Locking;
using Natero.Connectors.Infrastructure.Monitoring;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Seeding;
using Natero.Connectors.Infrastructure.Tenancy;

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
        services.AddOptions<AuditRetentionOptions>().Bind(configuration.GetSection(AuditRetentionOptions.Section));
        services.AddTransient<AuditArchiver>();
        services.AddSingleton<SeedReport>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());
        services.AddSingleton<ApiKeyRefusalWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyRefusalWriter>());

        services.AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<ApplicationRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IIdempotencyStore, Idempotency.IdempotencyStore>();
        services.AddScoped<Application.Common.Email.IEmailOutbox, Email.EmailOutbox>();
        services.AddScoped<Application.Connections.Queries.ListConnections.IConnectionPages, Persistence.Queries.ConnectionPages>();

        services.AddDataProtection()
            .SetApplicationName("Natero.Connectors")
            .PersistKeysToDbContext<ApplicationDbContext>();


        AddProviders(services, configuration);

        services.AddHealthChecks().AddDbContextCheck<ApplicationDbContext>("database", tags: ["ready"]);
        return services;
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
        services.AddDbContextPool<SqliteApplicationDbContext>((sp, o) => o.UseSqlite(sp.GetRequiredService<DatabaseOptions>().ConnectionString));
        services.AddDbContextPool<PostgresApplicationDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<DatabaseOptions>().ConnectionString));
        services.AddScoped<ApplicationDbContext>(sp => (sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
                ? (ApplicationDbContext)sp.GetRequiredService<PostgresApplicationDbContext>()
                : sp.GetRequiredService<SqliteApplicationDbContext>())
            .BindTo(sp.GetRequiredService<ITenantContext>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
    }

    private static void AddProviders(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TokenKeyRing>();
        services.AddHostedService<TokenKeyRingStartupCheck>();
        services.AddSingleton<ISecretProtector, SecretProtector>();
        services.AddOptions<SalesforceOptions>().Bind(configuration.GetSection(SalesforceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SalesforceOptions>, SalesforceOptionsValidator>();

        // The resilience pipeline owns the timeouts (per attempt and in total), so HttpClient's own is off.
        services.AddHttpClient<ISalesforceClient, SalesforceClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler().SelectPipelineByAuthority().Configure(ConfigureSalesforceResilience);
        services.AddHttpClient<ISalesforceApi, SalesforceApi>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler().SelectPipelineByAuthority().Configure(ConfigureSalesforceResilience);
        services.AddScoped<IOAuthProvider, SalesforceOAuthProvider>();
        services.AddScoped<IOAuthProviderRegistry, OAuthProviderRegistry>();
        services.AddSingleton<IConnectionLock, ConnectionLock>();
        services.AddOptions<VerificationSchedule>().Bind(configuration.GetSection(VerificationSchedule.Section));
        services.AddSingleton<ConnectionMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ConnectionMonitor>());
    }

    /// <summary>
    /// The policies README's "Keeping connections working" lists: GETs only are retried, with exponential
    /// backoff and jitter, honouring Retry-After; POSTs (the code exchange, a refresh that rotates the refresh
    /// token, a revoke) are sent once. One circuit breaker per Salesforce host (SelectPipelineByAuthority),
    /// so one org's outage leaves the others alone. Each attempt gets Salesforce:Timeout, the whole call twice that.
    /// </summary>
    private static void ConfigureSalesforceResilience(HttpStandardResilienceOptions options, IServiceProvider services)
    {
        SalesforceOptions salesforce;
        try
        {
            salesforce = services.GetRequiredService<IOptions<SalesforceOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Start-up stops on the Salesforce options themselves, naming the key; keep the defaults here
            // so that the failure is reported once rather than once per client as well.
            return;
        }

        var resilience = salesforce.Resilience;

        options.AttemptTimeout.Timeout = salesforce.Timeout;
        options.TotalRequestTimeout.Timeout = SalesforceResilienceOptions.TotalTimeout(salesforce.Timeout);

        options.Retry.MaxRetryAttempts = Math.Max(1, resilience.MaxRetries);
        if (resilience.MaxRetries == 0)
        {
            options.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }

        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.Delay = resilience.RetryBaseDelay;
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.DisableForUnsafeHttpMethods();

        options.CircuitBreaker.FailureRatio = resilience.CircuitFailureRatio;
        options.CircuitBreaker.MinimumThroughput = resilience.CircuitMinimumThroughput;
        options.CircuitBreaker.SamplingDuration = resilience.CircuitSamplingDuration;
        options.CircuitBreaker.BreakDuration = resilience.CircuitBreakDuration;
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
    }
}
