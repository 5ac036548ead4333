using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// Which database, from <c>Database:Provider</c> and <c>ConnectionStrings:Natero</c>. On PostgreSQL,
/// <c>ConnectionStrings:NateroMaintenance</c> names the role that owns the schema: migrations and the
/// audit archive run as it, so that the application's own role needs no more than reading and writing
/// rows, and cannot lift the audit log's triggers.
/// <c>Database:ThreadSafetyChecks</c> (default off) turns on EF Core's check that a context is never used by two
/// operations at once: it finds that programming error, and costs an async-local write on every row read, some
/// 14 KB allocated per page of 50 connections. The tests run with it on; production needs no check the tests passed.
/// </summary>
public sealed record DatabaseOptions(
    DatabaseProvider Provider,
    string ConnectionString,
    string? MaintenanceConnectionString = null,
    bool ThreadSafetyChecks = false
)
{
    /// <summary>The connection for migrations and maintenance: the owner's when configured, else the application's.</summary>
    public string OwnerConnectionString => MaintenanceConnectionString ?? ConnectionString;

    public const string DefaultSqlite = "Data Source=natero.db";

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Natero");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = DefaultSqlite;
        }

        var configured = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(configured))
        {
            // A PostgreSQL connection string is enough to switch provider.
            provider = LooksLikePostgres(connectionString) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(configured, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{configured}'.");
        }

        var maintenance = configuration.GetConnectionString("NateroMaintenance");
        var checks = configuration["Database:ThreadSafetyChecks"];
        var threadSafetyChecks = false;
        if (!string.IsNullOrWhiteSpace(checks) && !bool.TryParse(checks, out threadSafetyChecks))
        {
            throw new InvalidOperationException($"Database:ThreadSafetyChecks must be true or false, not '{checks}'.");
        }

        return new DatabaseOptions(
            provider,
            provider == DatabaseProvider.Postgres ? WithPreparedStatements(connectionString) : connectionString,
            string.IsNullOrWhiteSpace(maintenance) ? null : maintenance,
            threadSafetyChecks
        );
    }

    /// <summary>
    /// PostgreSQL parses and plans every statement it is sent, some 0.2 ms each for the queries of this app on a small
    /// server; prepared, a statement skips both. Npgsql prepares a statement once it has run it five times on a connection
    /// (up to <c>Max Auto Prepare</c> statements per connection), so the default here is 128, enough for every statement
    /// of the app. A connection string that sets its own value keeps it (<c>Max Auto Prepare=0</c> turns it off, for a
    /// connection pooler that cannot hold prepared statements).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (
            given
                .Keys.Cast<string>()
                .Any(k =>
                    string.Equals(
                        k.Replace(" ", string.Empty, StringComparison.Ordinal),
                        "MaxAutoPrepare",
                        StringComparison.OrdinalIgnoreCase
                    )
                )
        )
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 128 }.ConnectionString;
    }

    private static bool LooksLikePostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
}
