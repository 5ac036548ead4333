namespace Natero.Connectors.Domain.Audit;

public enum ActorType
{
    User,
    PlatformAdmin,
    ApiKey,
    System,
}
