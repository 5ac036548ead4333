using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Tenants;

public enum TenantStatus
{
    Active,
    Suspended,
}

/// <summary>A customer organisation. Everything a customer owns hangs off one tenant.</summary>
public sealed class Tenant : AuditableEntity
{
    private Tenant()
    {
        Slug = null!;
        Name = null!;
    }

    private Tenant(Guid id, TenantSlug slug, string name)
    {
        Id = id;
        Slug = slug.Value;
        Name = name;
        Status = TenantStatus.Active;
    }

    public Guid Id { get; private set; }
    public string Slug { get; private set; }
    public string Name { get; private set; }
    public TenantStatus Status { get; private set; }

    public static Tenant Create(Guid id, TenantSlug slug, string name) =>
        new(Guard.NotEmpty(id, "Tenant id"), slug, Guard.NotBlank(name, "Tenant name", 200));

    public void Rename(string name) => Name = Guard.NotBlank(name, "Tenant name", 200);

    public void Suspend()
    {
        if (Status == TenantStatus.Suspended)
        {
            throw new IllegalStatusTransitionException(nameof(Tenant), Status.ToString(), TenantStatus.Suspended.ToString());
        }

        Status = TenantStatus.Suspended;
    }

    public void Activate()
    {
        if (Status == TenantStatus.Active)
        {
            throw new IllegalStatusTransitionException(nameof(Tenant), Status.ToString(), TenantStatus.Active.ToString());
        }

        Status = TenantStatus.Active;
    }
}
