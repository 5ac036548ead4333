namespace Natero.Connectors.Domain.Connections;

public enum AuthorizationOutcome
{
    Connected,
    Denied,
    Failed,
    Expired,
}
