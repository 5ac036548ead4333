using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Infrastructure.Persistence;
using Npgsql;

namespace Natero.Connectors.Web.FunctionalTests.Resilience;

/// <summary>Which database errors are an outage (503, try again) and which are a fault (500, a bug to fix).</summary>
public sealed class DatabaseFailuresTests
{
    public static TheoryData<string, Exception> Outages() =>
        new()
        {
            {
                "connection refused",
                new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused))
            },
            {
                "connection broken",
                new NpgsqlException(
                    "Exception while reading from stream",
                    new IOException("Unable to read data from the transport connection")
                )
            },
            { "pool exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()) },
            { "admin shutdown", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01") },
            { "starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03") },
            { "too many connections", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300") },
            { "connection failure", new PostgresException("connection failure", "FATAL", "FATAL", "08006") },
            {
                "wrapped by EF",
                new DbUpdateException(
                    "An error occurred while saving the entity changes.",
                    new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01")
                )
            },
            { "SQLite busy", new SqliteException("SQLite Error 5: 'database is locked'.", 5) },
        };

    public static TheoryData<string, Exception> Faults() =>
        new()
        {
            {
                "unique violation",
                new DbUpdateException(
                    "An error occurred while saving the entity changes.",
                    new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")
                )
            },
            { "syntax error", new PostgresException("syntax error at or near", "ERROR", "ERROR", "42601") },
            { "append-only audit", new PostgresException("audit events are append-only", "ERROR", "ERROR", "P0001") },
            { "SQLite constraint", new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19) },
            { "a bug", new InvalidOperationException("Sequence contains no elements") },
        };

    [Theory]
    [MemberData(nameof(Outages))]
    public void An_unreachable_database_is_an_outage(string what, Exception exception) =>
        DatabaseFailures.IsUnavailable(exception).ShouldBeTrue(what);

    [Theory]
    [MemberData(nameof(Faults))]
    public void An_error_the_database_answered_is_not_an_outage(string what, Exception exception) =>
        DatabaseFailures.IsUnavailable(exception).ShouldBeFalse(what);
}
