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
}

public sealed class PostgresApplicationDbContext(DbContextOptions<PostgresApplicationDbContext> options, ITenantContext tenant, TimeProvider time)
    : ApplicationDbContext(options, tenant, time);
