using Microsoft.EntityFrameworkCore;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>
/// How every context of the app reaches its database: the requests' pooled contexts and the owner's context (migrations,
/// the audit archive) alike. EF Core keeps one set of internal services, and with it one built model, per combination of
/// the options it keys those services on (thread-safety checks among them); contexts configured in two places that
/// differed in one of them built the model twice on every start, the longest single step of a start-up.
/// </summary>
internal static class ContextOptions
{
    public static DbContextOptionsBuilder UseDatabase(
        this DbContextOptionsBuilder builder,
        DatabaseOptions database,
        string connectionString
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Provider == DatabaseProvider.Postgres
            ? builder
                .UseNpgsql(connectionString)
                .EnableThreadSafetyChecks(database.ThreadSafetyChecks)
                .AddInterceptors(DeferredLockInterceptor.Instance)
            : builder.UseSqlite(connectionString).EnableThreadSafetyChecks(database.ThreadSafetyChecks);
    }
}
