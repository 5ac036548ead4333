using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Infrastructure.Persistence;

public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options, ITenantContext tenant, TimeProvider time)
    : ApplicationDbContext(options, tenant, time)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: a sortable integer lets queries compare and order times.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    /// <summary>SQLite serves one instance and writes one transaction at a time: a process-wide lock is enough.</summary>
    protected override async Task<IAsyncDisposable> LockAuditChainsAsync(IReadOnlyList<string> chains, CancellationToken cancellationToken)
    {
        await AuditAppends.WaitAsync(cancellationToken);
        return new Release(() => AuditAppends.Release());
    }

    private static readonly SemaphoreSlim AuditAppends = new(1, 1);

    private sealed class Release(Action release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release();
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options, ITenantContext tenant, TimeProvider time)
    : ApplicationDbContext(options, tenant, time)
{
    /// <summary>Transaction-scoped advisory locks, one per chain, taken in a fixed order; released at commit.</summary>
    protected override async Task<IAsyncDisposable> LockAuditChainsAsync(IReadOnlyList<string> chains, CancellationToken cancellationToken)
    {
        foreach (var chain in chains)
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"natero-audit:" + chain}, 0))", cancellationToken);
        }

        return NoRelease.Instance;
    }

    private sealed class NoRelease : IAsyncDisposable
    {
        public static readonly NoRelease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
