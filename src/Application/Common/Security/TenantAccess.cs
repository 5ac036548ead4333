using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Common.Security;

/// <summary>What the current user may do in the current tenant.</summary>
/// <param name="SecondFactorRequired">
/// The tenant requires a second factor and the signed-in person has none: they are a member, and may do nothing
/// there until they set one up. Their API keys are not held back (they were made, and are kept, by a member).
/// </param>
public sealed record TenantAccess(
    Guid TenantId,
    string TenantSlug,
    TenantStatus TenantStatus,
    Guid MembershipId,
    IReadOnlySet<string> Permissions,
    bool SecondFactorRequired = false
)
{
    public bool Has(string permission) => Permissions.Contains(permission);

    /// <summary>
    /// What <paramref name="user"/> may do in a tenant, from their membership and the tenant's rules: the one place that
    /// decides it, for the current tenant (<see cref="ICurrentTenantAccess"/>) and for a callback that learns its tenant
    /// from the attempt it claims.
    /// </summary>
    public static TenantAccess Of(TenantRules tenant, Membership membership, ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(membership);
        ArgumentNullException.ThrowIfNull(user);

        // A key never does more than its scopes, nor more than its creator may do today.
        var permissions = membership.Permissions.ToHashSet(StringComparer.Ordinal);
        if (user.ApiKey is { } key)
        {
            permissions.IntersectWith(key.Scopes);
        }

        // A tenant that requires a second factor opens nothing to a person signed in without one.
        var held = tenant.RequireSecondFactor && user.ApiKey is null && !user.HasSecondFactor;
        if (held)
        {
            permissions.Clear();
        }

        return new TenantAccess(tenant.Id, tenant.Slug, tenant.Status, membership.Id, permissions, held);
    }
}

/// <summary>Reads the membership once per scope; both the tenant and the authorization behaviours ask.</summary>
internal sealed class CurrentTenantAccess(IApplicationDbContext db, ITenantContext tenant, ICurrentUser user) : ICurrentTenantAccess
{
    private (Guid? TenantId, TenantAccess? Access)? _cached;

    public async ValueTask<TenantAccess?> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && cached.TenantId == tenant.TenantId)
        {
            return cached.Access;
        }

        TenantAccess? access = null;
        if (user.ApiKey is { MembershipId: { } membershipId, TenantStatus: { } status } known && tenant.TenantId is { } keyTenant)
        {
            // The key's lookup (cached briefly, and dropped when its creator's membership changes) already read the membership.
            access = new TenantAccess(keyTenant, tenant.TenantSlug ?? string.Empty, status, membershipId, known.Scopes);
        }
        else if (tenant.TenantId is { } tenantId && user.UserId is { } userId)
        {
            var row = await db
                .Memberships.AsNoTracking()
                .Where(m => m.TenantId == tenantId && m.UserId == userId)
                .Join(
                    db.Tenants,
                    m => m.TenantId,
                    t => t.Id,
                    (m, t) => new { Membership = m, Tenant = new TenantRules(t.Id, t.Slug, t.Status, t.RequireSecondFactor) }
                )
                .SingleOrDefaultAsync(cancellationToken);
            access = row is null ? null : TenantAccess.Of(row.Tenant, row.Membership, user);
        }

        _cached = (tenant.TenantId, access);
        return access;
    }
}
