using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Domain.UnitTests.Tenants;

public sealed class TenantTests
{
    [Fact]
    public void New_tenant_is_active_with_its_normalised_slug()
    {
        var tenant = Tenant.Create(Guid.CreateVersion7(), TenantSlug.Parse("Acme"), "  Acme Ltd  ");

        tenant.Status.ShouldBe(TenantStatus.Active);
        tenant.Slug.ShouldBe("acme");
        tenant.Name.ShouldBe("Acme Ltd");
    }

    [Fact]
    public void Active_tenant_can_be_suspended_and_activated_again()
    {
        var tenant = Tenant.Create(Guid.CreateVersion7(), TenantSlug.Parse("acme"), "Acme");

        tenant.Suspend();
        tenant.Status.ShouldBe(TenantStatus.Suspended);

        tenant.Activate();
        tenant.Status.ShouldBe(TenantStatus.Active);
    }

    [Fact]
    public void Suspending_a_suspended_tenant_is_illegal()
    {
        var tenant = Tenant.Create(Guid.CreateVersion7(), TenantSlug.Parse("acme"), "Acme");
        tenant.Suspend();

        Should.Throw<IllegalStatusTransitionException>(tenant.Suspend);

        tenant.Status.ShouldBe(TenantStatus.Suspended);
    }

    [Fact]
    public void Activating_an_active_tenant_is_illegal()
    {
        var tenant = Tenant.Create(Guid.CreateVersion7(), TenantSlug.Parse("acme"), "Acme");

        Should.Throw<IllegalStatusTransitionException>(tenant.Activate);

        tenant.Status.ShouldBe(TenantStatus.Active);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Tenant_needs_a_name(string name)
    {
        Should.Throw<DomainException>(() => Tenant.Create(Guid.CreateVersion7(), TenantSlug.Parse("acme"), name));
    }
}
