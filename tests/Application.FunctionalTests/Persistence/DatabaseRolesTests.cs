using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Infrastructure.Seeding;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.Composition;
using Npgsql;

namespace Natero.Connectors.Application.FunctionalTests.Persistence;

/// <summary>
/// On PostgreSQL the schema has an owner (migrations, the audit archive) and the application a role
/// that only reads and writes rows: that role cannot lift, drop or bypass the audit log's triggers.
/// </summary>
public sealed class DatabaseRolesTests : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"natero-roles-{Guid.NewGuid():N}");
    private string _admin = null!;
    private string _owner = null!;
    private string _app = null!;

    private string OwnerRole => $"natero_owner_{_suffix}";
    private string AppRole => $"natero_app_{_suffix}";
    private string DatabaseName => $"natero_roles_{_suffix}";

    public async ValueTask InitializeAsync()
    {
        if (!string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _admin = Environment.GetEnvironmentVariable("NATERO_TEST_POSTGRES")!;
        await ExecuteAsync(
            _admin,
            $"CREATE ROLE {OwnerRole} LOGIN PASSWORD 'owner-pw'; CREATE ROLE {AppRole} LOGIN PASSWORD 'app-pw';",
            $"CREATE DATABASE {DatabaseName} OWNER {OwnerRole}"
        );
        _owner = new NpgsqlConnectionStringBuilder(_admin)
        {
            Database = DatabaseName,
            Username = OwnerRole,
            Password = "owner-pw",
            Pooling = false,
        }.ConnectionString;
        _app = new NpgsqlConnectionStringBuilder(_admin)
        {
            Database = DatabaseName,
            Username = AppRole,
            Password = "app-pw",
            Pooling = false,
        }.ConnectionString;

        // What the README asks an operator to run once, as the owner, before the first start.
        await ExecuteAsync(
            _owner,
            $"""
            GRANT USAGE ON SCHEMA public TO {AppRole};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {AppRole};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {AppRole};
            """
        );
    }

    [Fact]
    public async Task The_application_role_runs_the_app_but_cannot_touch_the_audit_log()
    {
        Assert.SkipUnless(
            string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase),
            "Database roles are PostgreSQL's."
        );
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = await StartWithOneEventAsync(clock);

        (await RefusedAsync(_app, "DELETE FROM \"AuditEvents\"")).ShouldContain("append-only");
        (await RefusedAsync(_app, "UPDATE \"AuditEvents\" SET \"Reason\" = 'x'")).ShouldContain("append-only");
        (await RefusedAsync(_app, "ALTER TABLE \"AuditEvents\" DISABLE TRIGGER audit_events_append_only")).ShouldContain("must be owner");
        (await RefusedAsync(_app, "DROP TRIGGER audit_events_append_only ON \"AuditEvents\"")).ShouldContain("must be owner");
        (await RefusedAsync(_app, "SET session_replication_role = replica")).ShouldContain("permission denied");
        (await RefusedAsync(_app, "TRUNCATE \"AuditEvents\"")).ShouldNotBeNullOrEmpty();
        (
            await RefusedAsync(
                _app,
                """
                INSERT INTO "AuditAnchors" ("Id", "ChainKey", "ArchivedThroughSeq", "ArchivedThroughHash", "ArchivedCount",
                    "HeadSeq", "HeadHash", "ArchiveFile", "ArchiveSha256", "CreatedAt")
                VALUES (gen_random_uuid(), 'platform', 1000, 'x', 1000, 1000, 'x', 'forged.csv', 'x', now())
                """
            )
        ).ShouldContain("only the owner");
        (await ScalarAsync(_owner, "SELECT count(*) FROM \"AuditEvents\"")).ShouldBe(1L);
    }

    [Fact]
    public async Task The_archive_runs_as_the_owner_and_not_as_the_application()
    {
        Assert.SkipUnless(
            string.Equals(TestDatabase.Requested, "Postgres", StringComparison.OrdinalIgnoreCase),
            "Database roles are PostgreSQL's."
        );
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = await StartWithOneEventAsync(clock);

        clock.Advance(TimeSpan.FromDays(500));

        var asApplication = Archiver(new DatabaseOptions(DatabaseProvider.Postgres, _app), clock);
        var refused = await Should.ThrowAsync<AuditArchiveException>(() =>
            asApplication.ArchiveAsync(dryRun: false, CancellationToken.None)
        );
        refused.Message.ShouldContain("ConnectionStrings:NateroMaintenance");
        (await ScalarAsync(_owner, "SELECT count(*) FROM \"AuditEvents\" WHERE \"Action\" = 'test.event'")).ShouldBe(1L);

        var asOwner = Archiver(new DatabaseOptions(DatabaseProvider.Postgres, _app, _owner), clock);
        var report = await asOwner.ArchiveAsync(dryRun: false, CancellationToken.None);
        report.Events.ShouldBe(1);
        (await ScalarAsync(_owner, "SELECT count(*) FROM \"AuditEvents\" WHERE \"Action\" = 'test.event'")).ShouldBe(0L);
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(
            _admin,
            $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)",
            $"DROP ROLE IF EXISTS {AppRole}",
            $"DROP ROLE IF EXISTS {OwnerRole}"
        );
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Migrated as the owner, then seeded and used as the application: one audit event recorded.</summary>
    private async Task<ServiceProvider> StartWithOneEventAsync(TimeProvider clock)
    {
        var services = Compose(clock);
        await services.GetRequiredService<DatabaseInitializer>().StartAsync(CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IAuditTrail>().Record("test.event", "item:1", AuditOutcome.Success);
        await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().SaveChangesAsync();
        return services;
    }

    private ServiceProvider Compose(TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Natero"] = _app,
                    ["ConnectionStrings:NateroMaintenance"] = _owner,
                    ["Database:Provider"] = "Postgres",
                    ["Seed:PlatformAdminEmail"] = TestUsers.PlatformAdmin,
                    ["Seed:PlatformAdminPassword"] = TestUsers.Password,
                    ["Seed:DemoTenantSlug"] = "",
                    ["TokenEncryption:Keys:test1"] = "dGVzdC1rZXktZm9yLW5hdGVyby1jb25uZWN0b3JzLTE=",
                    ["TokenEncryption:ActiveKeyId"] = "test1",
                    ["Monitor:Enabled"] = "false",
                }
            )
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddNateroCore(configuration);
        services.AddScoped<ICurrentUser, TestCurrentUser>();
        return services.BuildServiceProvider();
    }

    private AuditArchiver Archiver(DatabaseOptions database, TimeProvider clock) =>
        new(
            database,
            Options.Create(new AuditRetentionOptions { RetentionDays = 400, ArchiveDirectory = _directory }),
            clock,
            NullLogger<AuditArchiver>.Instance
        );

    private static async Task<string> RefusedAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync())).MessageText;
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
