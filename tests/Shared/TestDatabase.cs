using System.Data.Common;
using Microsoft.Data.Sqlite;
using Natero.Connectors.Infrastructure.Persistence;
using Npgsql;
using Respawn;

namespace Natero.Connectors.Tests.Shared;

/// <summary>
/// A real database for one test assembly: a temporary SQLite file, or a fresh PostgreSQL database on
/// the server named by NATERO_TEST_POSTGRES. NATERO_TEST_DB (Sqlite or Postgres) chooses; ./test.sh
/// runs every database test project with both. Between tests Respawn empties every table.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqlitePath;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private Respawner? _respawner;

    private TestDatabase(bool isPostgres, string connectionString, string? sqlitePath, string? postgresAdmin, string? postgresName)
    {
        IsPostgres = isPostgres;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public bool IsPostgres { get; }

    public string ConnectionString { get; }

    public string ProviderName => IsPostgres ? "Postgres" : "Sqlite";

    public static string Requested => Environment.GetEnvironmentVariable("NATERO_TEST_DB") is { Length: > 0 } db ? db : "Sqlite";

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var suffix = $"{purpose}_{Guid.NewGuid():N}"[..Math.Min(40, purpose.Length + 33)].ToLowerInvariant();
        if (string.Equals(Requested, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var admin = Environment.GetEnvironmentVariable("NATERO_TEST_POSTGRES")
                ?? throw new InvalidOperationException(
                    "NATERO_TEST_DB=Postgres needs NATERO_TEST_POSTGRES (./test.sh starts a server and sets it)."
                );
            return await CreatePostgresAsync(admin, suffix);
        }

        var path = Path.Combine(Path.GetTempPath(), $"natero_{suffix}.db");
        return new TestDatabase(false, $"Data Source={path}", path, null, null);
    }

    /// <summary>A fresh PostgreSQL database on a server of the test's own.</summary>
    public static Task<TestDatabase> CreateAsync(PostgresServer server, string purpose)
    {
        ArgumentNullException.ThrowIfNull(server);
        return CreatePostgresAsync(server.ConnectionString, $"{purpose}_{Guid.NewGuid():N}".ToLowerInvariant());
    }

    private static async Task<TestDatabase> CreatePostgresAsync(string admin, string suffix)
    {
        var name = $"natero_{suffix}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(true, builder.ConnectionString, null, admin, name);
    }

    /// <summary>The configuration a host needs to use this database, with known seed passwords and token key.</summary>
    public IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>
        {
            ["ConnectionStrings:Natero"] = ConnectionString,
            ["Database:Provider"] = ProviderName,

            // EF Core's check that a context is never used by two operations at once: off in production for speed,
            // on in every test so that such a use fails a test.
            ["Database:ThreadSafetyChecks"] = "true",
            ["Seed:PlatformAdminEmail"] = TestUsers.PlatformAdmin,
            ["Seed:PlatformAdminPassword"] = TestUsers.Password,
            ["Seed:DemoTenantSlug"] = TestUsers.DemoTenant,
            ["Seed:DemoAdminEmail"] = TestUsers.DemoAdmin,
            ["Seed:DemoAdminPassword"] = TestUsers.Password,
            ["Seed:DemoMemberEmail"] = TestUsers.DemoMember,
            ["Seed:DemoMemberPassword"] = TestUsers.Password,

            // A fixed key: tests need no key file, and can decrypt what they stored.
            ["TokenEncryption:Keys:test1"] = "dGVzdC1rZXktZm9yLW5hdGVyby1jb25uZWN0b3JzLTE=",
            ["TokenEncryption:ActiveKeyId"] = "test1",

            // The monitor would verify connections behind the tests' backs; its tests run a round on purpose.
            ["Monitor:Enabled"] = "false",

            // Likewise the email outbox worker, which would otherwise write .eml files into the content root.
            ["Email:Worker:Enabled"] = "false",

            // And the event dispatcher and webhook delivery worker: their tests run a round on purpose.
            ["Webhooks:WorkerEnabled"] = "false",

            // And the daily digest, which would queue mail whenever a test ran past its hour; its tests run a round.
            ["Notifications:WorkerEnabled"] = "false",

            // And the revocation worker, which would revoke replaced grants behind the tests' backs; its tests run a round.
            ["Revocations:WorkerEnabled"] = "false",

            // The seeded platform admin has no second factor; the tests of that rule turn it on.
            ["Security:RequireMfaForPlatformStaff"] = "false",
        };

    public DbConnection OpenConnection()
    {
        DbConnection connection = IsPostgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Empties every table but the migration history; the schema must already exist.</summary>
    public async Task ResetAsync()
    {
        await using var connection = OpenConnection();
        _respawner ??= await Respawner.CreateAsync(
            connection,
            new RespawnerOptions
            {
                DbAdapter = IsPostgres ? DbAdapter.Postgres : DbAdapter.Sqlite,
                TablesToIgnore = ["__EFMigrationsHistory", "AuditEvents", "AuditAnchors"],
                SchemasToInclude = IsPostgres ? ["public"] : [],
            }
        );
        await _respawner.ResetAsync(connection);
        await AsMaintenanceAsync(connection, "DELETE FROM \"AuditEvents\"; DELETE FROM \"AuditAnchors\"");
    }

    /// <summary>
    /// Runs SQL with the append-only audit triggers lifted, as only a privileged maintenance session
    /// may: on PostgreSQL as a superuser in replica mode (triggers do not fire), on SQLite by dropping
    /// and recreating them. Tests use it to reset, and to tamper with the chain on purpose.
    /// </summary>
    public async Task AsMaintenanceAsync(System.Data.Common.DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var script = IsPostgres
            ? $"SET session_replication_role = replica; {sql}; SET session_replication_role = DEFAULT;"
            : $"{AuditTriggers.SqliteDrop} {AuditTriggers.AnchorsSqliteDrop} {sql}; "
                + $"{AuditTriggers.SqliteCreate} {AuditTriggers.AnchorsSqliteCreate}";
        await using var command = connection.CreateCommand();
        command.CommandText = script;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

public static class TestUsers
{
    public const string Password = "Correct-horse-battery-9";
    public const string PlatformAdmin = "platform-admin@natero.test";
    public const string DemoTenant = "demo";
    public const string DemoAdmin = "admin@demo.natero.test";
    public const string DemoMember = "member@demo.natero.test";
}
