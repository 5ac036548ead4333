using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// Sends a transaction's named lock (<see cref="PostgresApplicationDbContext"/>) in front of the transaction's next query,
/// in the same round trip, as Npgsql sends a deferred <c>BEGIN</c>. The two are separate statements of one command: at
/// read committed the query takes its snapshot when it starts, once the lock is held, so it sees what the lock's previous
/// holder committed. The reader is moved past the lock's own result before EF Core reads it. A command that is not a
/// query takes the lock in a round trip of its own first.
/// </summary>
internal sealed class DeferredLockInterceptor : DbCommandInterceptor
{
    public static DeferredLockInterceptor Instance { get; } = new();

    private const string LockStatement = "SELECT pg_advisory_xact_lock(hashtextextended(@natero_deferred_lock, 0));\n";

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result
    )
    {
        Prepend(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default
    )
    {
        Prepend(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (Prepended(command, eventData))
        {
            result.NextResult();
        }

        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command,
        CommandExecutedEventData eventData,
        DbDataReader result,
        CancellationToken cancellationToken = default
    )
    {
        if (Prepended(command, eventData))
        {
            await result.NextResultAsync(cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        LockSeparately(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        await LockSeparatelyAsync(command, eventData, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result
    )
    {
        LockSeparately(command, eventData);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result,
        CancellationToken cancellationToken = default
    )
    {
        await LockSeparatelyAsync(command, eventData, cancellationToken);
        return result;
    }

    private static void LockSeparately(DbCommand command, CommandEventData eventData)
    {
        if (Take(command, eventData) is { } lockName)
        {
            using var separate = LockCommand(command, lockName);
            separate.ExecuteNonQuery();
        }
    }

    private static async Task LockSeparatelyAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken)
    {
        if (Take(command, eventData) is { } lockName)
        {
            await using var separate = LockCommand(command, lockName);
            await separate.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void Prepend(DbCommand command, CommandEventData eventData)
    {
        if (Take(command, eventData) is not { } lockName)
        {
            return;
        }

        command.CommandText = LockStatement + command.CommandText;
        command.Parameters.Add(new NpgsqlParameter<string>("natero_deferred_lock", lockName));
        ((PostgresApplicationDbContext)eventData.Context!).LockSentWith = command;
    }

    private static bool Prepended(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not PostgresApplicationDbContext context || !ReferenceEquals(context.LockSentWith, command))
        {
            return false;
        }

        context.LockSentWith = null;
        return true;
    }

    /// <summary>The lock waiting to be sent, if this command runs in the transaction that asked for it.</summary>
    private static string? Take(DbCommand command, CommandEventData eventData) =>
        eventData.Context is PostgresApplicationDbContext context && command.Transaction is not null ? context.TakeDeferredLock() : null;

    private static NpgsqlCommand LockCommand(DbCommand command, string lockName) =>
        new(LockStatement, (NpgsqlConnection)command.Connection!, (NpgsqlTransaction)command.Transaction!)
        {
            Parameters = { new NpgsqlParameter<string>("natero_deferred_lock", lockName) },
        };
}
