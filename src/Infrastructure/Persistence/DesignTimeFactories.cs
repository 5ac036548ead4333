using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Natero.Connectors.Infrastructure.Persistence;

/// <summary>Used only by <c>dotnet ef migrations add</c>; the running app configures contexts in DependencyInjection.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteApplicationDbContext>
{
    public SqliteApplicationDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<SqliteApplicationDbContext>().WithIdentitySchema().UseSqlite(DatabaseOptions.DefaultSqlite).Options
        );
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresApplicationDbContext>
{
    public PostgresApplicationDbContext CreateDbContext(string[] args) =>
        new(
            new DbContextOptionsBuilder<PostgresApplicationDbContext>()
                .WithIdentitySchema()
                .UseNpgsql("Host=localhost;Database=natero_design")
                .Options
        );
}
