using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Seeding;
using Natero.Connectors.Tests.Shared;
using Npgsql;

namespace Natero.Connectors.Application.FunctionalTests.Persistence;

public sealed class PersistenceTests(ApplicationFixture app) : FunctionalTest(app)
{
    [Fact]
    public async Task Every_tenant_owned_entity_has_the_tenant_query_filter()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        var owned = db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)).ToList();

        owned.ShouldNotBeEmpty();
        foreach (var entity in owned)
        {
            entity
                .GetDeclaredQueryFilters()
                .Select(f => f.Key)
                .ShouldContain(TenantFilter.Name, $"{entity.ClrType.Name} has no tenant filter");
        }
    }

    [Fact]
    public async Task The_tests_run_with_EF_Cores_thread_safety_checks_which_production_leaves_off()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.ThreadSafetyChecksEnabled.ShouldBeTrue();

        DatabaseOptions.From(Configure([])).ThreadSafetyChecks.ShouldBeFalse();
        DatabaseOptions.From(Configure(new() { ["Database:ThreadSafetyChecks"] = "True" })).ThreadSafetyChecks.ShouldBeTrue();
        Should
            .Throw<InvalidOperationException>(() => DatabaseOptions.From(Configure(new() { ["Database:ThreadSafetyChecks"] = "yes" })))
            .Message.ShouldBe("Database:ThreadSafetyChecks must be true or false, not 'yes'.");

        static IConfiguration Configure(Dictionary<string, string?> settings) =>
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    [Fact]
    public void PostgreSQL_statements_are_prepared_unless_the_connection_string_says_otherwise()
    {
        const string Given = "Host=db.internal;Database=natero;Username=natero";
        var options = DatabaseOptions.From(
            new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Natero"] = Given })
                .Build()
        );

        options.Provider.ShouldBe(DatabaseProvider.Postgres);
        new NpgsqlConnectionStringBuilder(options.ConnectionString).MaxAutoPrepare.ShouldBe(128);
        new NpgsqlConnectionStringBuilder(options.ConnectionString).Host.ShouldBe("db.internal");
        DatabaseOptions.WithPreparedStatements(Given + ";Max Auto Prepare=0").ShouldBe(Given + ";Max Auto Prepare=0");
        DatabaseOptions.WithPreparedStatements(Given + ";maxautoprepare=20").ShouldBe(Given + ";maxautoprepare=20");
    }

    [Fact]
    public async Task Queries_see_only_the_current_tenants_rows()
    {
        await using var scope = await App.EnterAsync(actor: null, tenantSlug: null);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        (await db.Memberships.CountAsync()).ShouldBe(0);
        (await db.Memberships.IgnoreQueryFilters().CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_context_back_from_the_pool_follows_the_tenant_of_the_scope_that_leases_it_next()
    {
        ApplicationDbContext first;
        await using (var scope = await App.EnterAsync(actor: null, tenantSlug: TestUsers.DemoTenant))
        {
            first = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            (await first.Memberships.CountAsync()).ShouldBe(2);
        }

        // The pool hands idle contexts out first come, first served: lease until this one comes back.
        for (var lease = 0; lease < 5000; lease++)
        {
            await using var scope = await App.EnterAsync(actor: null, tenantSlug: null);
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            if (ReferenceEquals(db, first))
            {
                (await db.Memberships.CountAsync()).ShouldBe(0, "the context follows its new scope, which has no tenant");
                return;
            }
        }

        Assert.Fail("The context never came back from the pool.");
    }

    [Fact]
    public async Task Concurrent_scopes_never_share_a_pooled_context_however_many_registrations_hand_it_out()
    {
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(worker =>
                    Task.Run(async () =>
                    {
                        for (var i = 0; i < 50; i++)
                        {
                            var tenant = (worker + i) % 2 == 0 ? TestUsers.DemoTenant : null;
                            await using var scope = await App.EnterAsync(actor: null, tenantSlug: tenant);
                            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
                            scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().ShouldBeSameAs(db);
                            var count = await db.Memberships.CountAsync();
                            if (count != (tenant is null ? 0 : 2))
                            {
                                errors.Add($"worker {worker}, lease {i}, tenant {tenant ?? "none"}: {count} memberships");
                            }

                            // A write too, as a request makes: its change tracker and transaction go back with the context.
                            scope
                                .ServiceProvider.GetRequiredService<Common.Auditing.IAuditTrail>()
                                .Record("test.pooled", $"lease:{worker}.{i}", Domain.Audit.AuditOutcome.Success);
                            await db.SaveChangesAsync();
                        }
                    })
                )
        );

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Saving_an_entity_of_another_tenant_is_refused()
    {
        var demoId = await App.QueryDbAsync(db => db.Tenants.Where(t => t.Slug == TestUsers.DemoTenant).Select(t => t.Id).SingleAsync());
        var user = await App.CreateUserAsync("someone@else.test");
        await using var scope = await App.EnterAsync(actor: null, tenantSlug: null);
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        db.Memberships.Add(Membership.Create(Guid.CreateVersion7(), demoId, user.UserId, []));

        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Auditable_timestamps_come_from_the_clock()
    {
        var tenant = await App.QueryDbAsync(db => db.Tenants.SingleAsync(t => t.Slug == TestUsers.DemoTenant));

        tenant.CreatedAt.ShouldNotBe(default);
        tenant.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        (DateTimeOffset.UtcNow - tenant.CreatedAt).ShouldBeLessThan(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Seeding_runs_only_on_an_empty_database()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await App.Services.GetRequiredService<DatabaseInitializer>().SeedAsync(scope.ServiceProvider, CancellationToken.None);
        }

        await using var check = App.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        (await users.Users.CountAsync()).ShouldBe(3);
        (await App.QueryDbAsync(db => db.Tenants.CountAsync())).ShouldBe(1);
        var platformAdmin = await users.FindByEmailAsync(TestUsers.PlatformAdmin);
        (await users.IsInRoleAsync(platformAdmin!, Domain.Authorization.PlatformRoles.PlatformAdmin)).ShouldBeTrue();
    }

    [Fact]
    public async Task Migrations_leave_no_pending_model_changes()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse("the model changed without a migration for this provider");
    }
}
