using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Infrastructure.Tenancy;

namespace Natero.Connectors.Infrastructure.Persistence;

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
