using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Natero.Connectors.Domain.Audit;
using Npgsql;

namespace Natero.Connectors.Infrastructure.Persistence;

public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : ApplicationDbContext(options)
{
    private string? _deferredLock;

    /// <summary>The command that carried the deferred lock: its first result is the lock's.</summary>
    internal System.Data.Common.DbCommand? LockSentWith { get; set; }

    /// <summary>The lock the transaction asked for and has not sent yet; taking it means sending it now.</summary>
    internal string? TakeDeferredLock()
    {
        var lockName = _deferredLock;
        _deferredLock = null;
        return lockName;
    }

    /// <summary>
    /// Transaction-scoped advisory locks, one per chain, taken in a fixed order and released at commit; each chain's last
    /// link is read right after its lock, in the same round trip. The statements of a batch run one after the other, and
    /// at read committed each takes its snapshot when it starts: the read of a chain begins once its lock is held, so it
    /// sees the link that the previous holder committed.
    /// </summary>
    protected override async Task<LockedAuditChains> LockAuditChainsAsync(IReadOnlyList<string> chains, CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(
                (NpgsqlConnection)Database.GetDbConnection(),
                (NpgsqlTransaction?)Database.CurrentTransaction?.GetDbTransaction()
            );
            // A lock the transaction asked for and has not sent yet goes first, as it would have gone in its own round trip.
            var deferred = TakeDeferredLock();
            if (deferred is not null)
            {
                batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", deferred));
            }

            foreach (var chain in chains)
            {
                batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", "natero-audit:" + chain));
                batch.BatchCommands.Add(
                    Command(
                        """SELECT "Seq", "Hash" FROM "AuditEvents" WHERE "ChainKey" = $1 AND "Seq" > 0 ORDER BY "Seq" DESC LIMIT 1""",
                        chain
                    )
                );
            }

            var heads = new Dictionary<string, AuditLink?>(StringComparer.Ordinal);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (deferred is not null)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            foreach (var chain in chains)
            {
                // The lock's own row, then the chain's last link (no row: nothing left in the table).
                await reader.NextResultAsync(cancellationToken);
                heads[chain] = await reader.ReadAsync(cancellationToken) ? new AuditLink(reader.GetInt64(0), reader.GetString(1)) : null;
                await reader.NextResultAsync(cancellationToken);
            }

            return new LockedAuditChains(heads);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Deferred, as Npgsql defers the transaction's <c>BEGIN</c>: the lock goes in front of the transaction's next query,
    /// in the same round trip (<see cref="DeferredLockInterceptor"/>), so a lock and the read it guards cost one.
    /// </summary>
    protected override Task LockForTransactionAsync(string lockName, CancellationToken cancellationToken)
    {
        _deferredLock = "natero-lock:" + lockName;
        return Task.CompletedTask;
    }

    /// <summary>A lock never sent guarded nothing; it must not ride on a later transaction's first query.</summary>
    protected override void OnLockedTransactionEnded()
    {
        _deferredLock = null;
        LockSentWith = null;
    }

    private static NpgsqlBatchCommand Command(string sql, string value) =>
        new(sql) { Parameters = { new NpgsqlParameter<string> { TypedValue = value } } };
}
