namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>The named query filter that keeps every tenant-owned entity inside the current tenant.</summary>
public static class TenantFilter
{
    public const string Name = "Tenant";
}
