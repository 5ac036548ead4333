using Microsoft.EntityFrameworkCore;

namespace Natero.Connectors.Infrastructure.Persistence;

public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options) : ApplicationDbContext(options)
{
    /// <summary>Transaction-scoped advisory locks, one per chain, taken in a fixed order; released at commit.</summary>
    protected override async Task<IAsyncDisposable> LockAuditChainsAsync(IReadOnlyList<string> chains, CancellationToken cancellationToken)
    {
        foreach (var chain in chains)
        {
            await Database.ExecuteSqlAsync(
                $"SELECT pg_advisory_xact_lock(hashtextextended({"natero-audit:" + chain}, 0))",
                cancellationToken
            );
        }

        return NoRelease.Instance;
    }

    protected override Task LockForTransactionAsync(string lockName, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"natero-lock:" + lockName}, 0))", cancellationToken);

    private sealed class NoRelease : IAsyncDisposable
    {
        public static readonly NoRelease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
