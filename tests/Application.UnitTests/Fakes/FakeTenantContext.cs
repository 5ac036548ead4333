using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.UnitTests.Fakes;

internal sealed class FakeTenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public string? TenantSlug { get; private set; }

    public static FakeTenantContext None() => new();

    public static FakeTenantContext For(Guid tenantId, string slug)
    {
        var context = new FakeTenantContext();
        context.SetTenant(tenantId, slug);
        return context;
    }

    public void SetTenant(Guid tenantId, string slug) => (TenantId, TenantSlug) = (tenantId, slug);

    public IDisposable EnterTenant(Guid tenantId, string slug) =>
        throw new InvalidOperationException("The behaviours under test never switch tenant.");
}
