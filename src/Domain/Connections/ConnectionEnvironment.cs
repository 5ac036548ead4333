namespace Natero.Connectors.Domain.Connections;

public enum ConnectionEnvironment
{
    Production,
    Sandbox,
    MyDomain,
}
