using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Infrastructure.Tenancy;

namespace Natero.Connectors.Infrastructure.Persistence;

public sealed class SqliteApplicationDbContext(DbContextOptions<SqliteApplicationDbContext> options) : ApplicationDbContext(options)
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

    private sealed class NoRelease : IAsyncDisposable
    {
        public static readonly NoRelease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>A context on the owner's connection, for migrations and the audit archive; outside any request or tenant.</summary>
public static class OwnerDbContext
{
    public static ApplicationDbContext Create(DatabaseOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider == DatabaseProvider.Postgres
            ? new PostgresApplicationDbContext(
                new DbContextOptionsBuilder<PostgresApplicationDbContext>()
                    .WithIdentitySchema()
                    .UseNpgsql(options.OwnerConnectionString)
                    .Options
            ).BindTo(new TenantContext(), time)
            : new SqliteApplicationDbContext(
                new DbContextOptionsBuilder<SqliteApplicationDbContext>()
                    .WithIdentitySchema()
                    .UseSqlite(options.OwnerConnectionString)
                    .Options
            ).BindTo(new TenantContext(), time);
    }

    /// <summary>
    /// Brings the schema to the latest migration, as its owner. When none is pending (every start but the
    /// first after a release), only the history table is read: Migrate would also build the snapshot's model
    /// and compare it with the code's, which costs a start-up a few hundred milliseconds and megabytes.
    /// </summary>
    public static async Task MigrateAsync(DatabaseOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = Create(options, time);
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
