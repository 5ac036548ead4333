namespace Natero.Connectors.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
