using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Natero.Connectors.Infrastructure.Persistence;

public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options) : ApplicationDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: a sortable integer lets queries compare and order times.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    /// <summary>SQLite serves one instance and writes one transaction at a time: a process-wide lock is enough.</summary>
    protected override async Task<LockedAuditChains> LockAuditChainsAsync(IReadOnlyList<string> chains, CancellationToken cancellationToken)
    {
        await AuditAppends.WaitAsync(cancellationToken);
        return new LockedAuditChains(heads: null, () =>
        {
            AuditAppends.Release();
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>
    /// Nothing to take: a SQLite transaction begins with <c>BEGIN IMMEDIATE</c>, which already holds the database's
    /// one write lock, so no other unit of work (of this process or another) writes until it ends.
    /// </summary>
    protected override Task LockForTransactionAsync(string lockName, CancellationToken cancellationToken) => Task.CompletedTask;

    private static readonly SemaphoreSlim AuditAppends = new(1, 1);
}
