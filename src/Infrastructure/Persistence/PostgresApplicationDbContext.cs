using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Natero.Connectors.Domain.Audit;
using Npgsql;

namespace Natero.Connectors.Infrastructure.Persistence;

public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : ApplicationDbContext(options)
{
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

    protected override Task LockForTransactionAsync(string lockName, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"natero-lock:" + lockName}, 0))", cancellationToken);

    private static NpgsqlBatchCommand Command(string sql, string value) =>
        new(sql) { Parameters = { new NpgsqlParameter<string> { TypedValue = value } } };
}
