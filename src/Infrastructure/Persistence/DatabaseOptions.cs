using Microsoft.Extensions.Configuration;

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
        if (!string.IsNullOrWhiteSpace(checks) && !bool.TryParse(checks, out _))
        {
            throw new InvalidOperationException($"Database:ThreadSafetyChecks must be true or false, not '{checks}'.");
        }

        return new DatabaseOptions(
            provider,
            connectionString,
            string.IsNullOrWhiteSpace(maintenance) ? null : maintenance,
            ThreadSafetyChecks: string.Equals(checks?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
        );
    }

    private static bool LooksLikePostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
}
