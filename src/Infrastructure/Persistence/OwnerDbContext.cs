using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Infrastructure.Tenancy;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>A context on the owner's connection, for migrations and the audit archive; outside any request or tenant.</summary>
public static class OwnerDbContext
{
    public static ApplicationDbContext Create(DatabaseOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresApplicationDbContext>().WithIdentitySchema();
            postgres.UseDatabase(options, options.OwnerConnectionString);
            return new PostgresApplicationDbContext(postgres.Options).BindTo(new TenantContext(), time);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteApplicationDbContext>().WithIdentitySchema();
        sqlite.UseDatabase(options, options.OwnerConnectionString);
        return new SqliteApplicationDbContext(sqlite.Options).BindTo(new TenantContext(), time);
    }

    /// <summary>
    /// Builds EF Core's model (the longest step of a start), and on PostgreSQL opens the owner's first pooled connection,
    /// on a thread of their own, so that the rest of start-up (the request pipeline, the options' validation, the hosted
    /// services before the migration check) runs beside them on another core. The migration check then finds both ready,
    /// or waits for the build in progress: EF Core builds a model once, under a lock. A failure is left for the check to
    /// meet on its own path and report, configuration errors among them: <paramref name="options"/> is read on that thread.
    /// A host or a test that changes the configuration after this has started costs only a model built in vain.
    /// </summary>
    public static void WarmUpInBackground(Func<DatabaseOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = Task.Run(async () =>
            {
                var database = options();
                await using var db = Create(database, time);
                _ = db.Model;
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    await db.Database.OpenConnectionAsync();
                }
            })
            .ContinueWith(warmUp => _ = warmUp.Exception, TaskScheduler.Default);
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
