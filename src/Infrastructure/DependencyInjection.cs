using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Infrastructure.Identity;
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

        AddDatabase(services, DatabaseOptions.From(configuration));

        // Registered before anything else that starts with the host, such as the data protection key
        // ring loader, so that the schema exists before they read it.
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddSingleton<SeedReport>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseInitializer>());

        services.AddIdentityCore<ApplicationUser>(ConfigureIdentity)
            .AddRoles<ApplicationRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserDirectory, UserDirectory>();

        services.AddDataProtection()
            .SetApplicationName("Natero.Connectors")
            .PersistKeysToDbContext<ApplicationDbContext>();


        services.AddHealthChecks().AddDbContextCheck<ApplicationDbContext>("database", tags: ["ready"]);
        return services;
    }

    private static void AddDatabase(IServiceCollection services, DatabaseOptions database)
    {
        services.AddSingleton(database);
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresApplicationDbContext>(o => o.UseNpgsql(database.ConnectionString));
                services.AddScoped<ApplicationDbContext>(sp => sp.GetRequiredService<PostgresApplicationDbContext>());
                break;
            default:
                services.AddDbContext<SqliteApplicationDbContext>(o => o.UseSqlite(database.ConnectionString));
                services.AddScoped<ApplicationDbContext>(sp => sp.GetRequiredService<SqliteApplicationDbContext>());
                break;
        }

        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
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
