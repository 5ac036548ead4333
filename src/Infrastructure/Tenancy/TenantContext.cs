using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Infrastructure.Tenancy;

/// <summary>Per-request holder of the current tenant, set once by the entry point.</summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }
    public string? TenantSlug { get; private set; }

    public void SetTenant(Guid tenantId, string slug)
    {
        if (TenantId is { } current && current != tenantId)
        {
            throw new InvalidOperationException("The tenant of a request cannot change once set.");
        }

        (TenantId, TenantSlug) = (tenantId, slug);
    }

    public IDisposable EnterTenant(Guid tenantId, string slug)
    {
        var previous = (TenantId, TenantSlug);
        (TenantId, TenantSlug) = (tenantId, slug);
        return new Restore(() => (TenantId, TenantSlug) = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
