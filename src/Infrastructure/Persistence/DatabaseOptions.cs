using Microsoft.Extensions.Configuration;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// Which database, from <c>Database:Provider</c> and <c>ConnectionStrings:Natero</c>. On PostgreSQL,
/// <c>ConnectionStrings:NateroMaintenance</c> names the role that owns the schema: migrations and the
/// audit archive run as it, so that the application's own role needs no more than reading and writing
/// rows, and cannot lift the audit log's triggers.
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString, string? MaintenanceConnectionString = null)
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
        return new DatabaseOptions(provider, connectionString, string.IsNullOrWhiteSpace(maintenance) ? null : maintenance);
    }

    private static bool LooksLikePostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
}
