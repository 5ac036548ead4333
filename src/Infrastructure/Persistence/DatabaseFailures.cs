using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// Tells an outage of the database (not reachable, shutting down, starting up, out of connections, busy)
/// from a fault of the request or of the code. An outage is worth a 503 and a retry; the rest is a bug.
/// </summary>
public static class DatabaseFailures
{
    // SQLSTATE classes and codes that mean "the server is not there for you right now".
    private static readonly string[] UnavailableStates =
    [
        "08", // connection_exception (class)
        "53300", // too_many_connections
        "57P01", // admin_shutdown
        "57P02", // crash_shutdown
        "57P03", // cannot_connect_now (starting up, or in recovery)
    ];

    /// <summary>True when this exception, or one it wraps, says the database cannot be reached at the moment.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return Array.Exists(UnavailableStates, state => postgres.SqlState.StartsWith(state, StringComparison.Ordinal));
                case NpgsqlException npgsql
                    when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case SqliteException sqlite when sqlite.SqliteErrorCode is SQLiteBusy or SQLiteLocked or SQLiteCantOpen:
                    return true;
            }
        }

        return false;
    }

    private const int SQLiteBusy = 5;
    private const int SQLiteLocked = 6;
    private const int SQLiteCantOpen = 14;
}
