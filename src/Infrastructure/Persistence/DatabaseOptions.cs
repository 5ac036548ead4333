using Microsoft.Extensions.Configuration;

namespace Natero.Connectors.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which database, from <c>Database:Provider</c> and <c>ConnectionStrings:Natero</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
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

        return new DatabaseOptions(provider, connectionString);
    }

    private static bool LooksLikePostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("Server=", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
}
