namespace Natero.Connectors.Application.ApiKeys;

public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}
