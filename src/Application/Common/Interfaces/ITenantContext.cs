using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Common.Interfaces;

/// <summary>The tenant the current request acts in, resolved by the entry point (URL or API key).</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }
    string? TenantSlug { get; }

    void SetTenant(Guid tenantId, string slug);

    /// <summary>Acts in another tenant for the life of the scope; only platform handlers do this.</summary>
    IDisposable EnterTenant(Guid tenantId, string slug);
}
