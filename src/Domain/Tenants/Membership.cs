using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Tenants;

/// <summary>A user's place in one tenant, with the tenant permissions they hold there.</summary>
public sealed class Membership : AuditableEntity, ITenantOwned
{
    private readonly List<string> _permissions = [];

    private Membership() { }

    private Membership(Guid id, Guid tenantId, Guid userId)
    {
        Id = id;
        TenantId = tenantId;
        UserId = userId;
    }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    public IReadOnlyCollection<string> Permissions => _permissions;

    public static Membership Create(Guid id, Guid tenantId, Guid userId, IEnumerable<string> permissions)
    {
        var membership = new Membership(
            Guard.NotEmpty(id, "Membership id"),
            Guard.NotEmpty(tenantId, "Tenant id"),
            Guard.NotEmpty(userId, "User id")
        );
        membership.SetPermissions(permissions);
        return membership;
    }

    public bool Has(string permission) => _permissions.Contains(permission, StringComparer.Ordinal);

    public void Grant(string permission)
    {
        EnsureKnown(permission);
        if (!Has(permission))
        {
            _permissions.Add(permission);
            _permissions.Sort(StringComparer.Ordinal);
        }
    }

    public void Revoke(string permission)
    {
        EnsureKnown(permission);
        _permissions.Remove(permission);
    }

    /// <summary>Replaces the whole set; returns what was granted and revoked so callers can record it.</summary>
    public PermissionChange SetPermissions(IEnumerable<string> permissions)
    {
        var wanted = permissions.Distinct(StringComparer.Ordinal).ToList();
        wanted.ForEach(EnsureKnown);
        var granted = wanted.Except(_permissions, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var revoked = _permissions.Except(wanted, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        granted.ForEach(Grant);
        revoked.ForEach(Revoke);
        return new PermissionChange(granted, revoked);
    }

    private static void EnsureKnown(string permission)
    {
        if (!Authorization.Permissions.IsKnown(permission))
        {
            throw new DomainException($"'{permission}' is not a tenant permission.");
        }
    }
}
