using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Seeding;

/// <summary>
/// Brings the database to the latest migration and, on an empty database only, creates the platform
/// admin and the demo tenant. Runs before the server starts taking requests.
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<SeedOptions> options,
    SeedReport report,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger
) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await OwnerDbContext.MigrateAsync(scope.ServiceProvider.GetRequiredService<DatabaseOptions>(), time, cancellationToken);
        await SeedAsync(scope.ServiceProvider, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Seeds an empty database; does nothing once any account exists, so it never runs twice.</summary>
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var roles = services.GetRequiredService<RoleManager<ApplicationRole>>();
        foreach (var role in PlatformRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new ApplicationRole(role)), $"role {role}");
            }
        }

        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var seed = options.Value;
        var accounts = new List<SeededAccount>();
        var platformAdmin = await CreateUser(
            users,
            seed.PlatformAdminEmail,
            "Platform Admin",
            seed.PlatformAdminPassword,
            accounts,
            "Platform admin"
        );
        Check(await users.AddToRoleAsync(platformAdmin, PlatformRoles.PlatformAdmin), "platform admin role");

        var slug = string.IsNullOrWhiteSpace(seed.DemoTenantSlug) ? null : TenantSlug.Parse(seed.DemoTenantSlug);
        if (slug is not null)
        {
            var demoAdmin = await CreateUser(
                users,
                seed.DemoAdminEmail,
                "Demo Admin",
                seed.DemoAdminPassword,
                accounts,
                $"Admin of tenant '{slug}'"
            );
            var demoMember = await CreateUser(
                users,
                seed.DemoMemberEmail,
                "Demo Member",
                seed.DemoMemberPassword,
                accounts,
                $"Member of tenant '{slug}'"
            );
            var db = services.GetRequiredService<ApplicationDbContext>();
            var tenant = Tenant.Create(Ids.New(time), slug, seed.DemoTenantName);
            db.Tenants.Add(tenant);
            using (services.GetRequiredService<ITenantContext>().EnterTenant(tenant.Id, tenant.Slug))
            {
                db.Memberships.Add(Membership.Create(Ids.New(time), tenant.Id, demoAdmin.Id, Permissions.All.Select(p => p.Name)));
                db.Memberships.Add(Membership.Create(Ids.New(time), tenant.Id, demoMember.Id, [Permissions.DataConnectors.View]));
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        report.Record(accounts, slug?.Value);
        LogSeeded(logger, accounts.Count);
    }

    private static async Task<ApplicationUser> CreateUser(
        UserManager<ApplicationUser> users,
        string email,
        string displayName,
        string? password,
        List<SeededAccount> accounts,
        string role
    )
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
        };
        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate() : null;
        Check(await users.CreateAsync(user, password ?? generated!), $"account {email}");
        accounts.Add(new SeededAccount(role, email, generated));
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create the {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}"
            );
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "First run: seeded {Count} accounts")]
    private static partial void LogSeeded(ILogger logger, int count);
}
