namespace Natero.Connectors.Domain.Tenants;

public enum TenantStatus
{
    Active,
    Suspended,
}
