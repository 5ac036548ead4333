using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants.Queries.ListTenants;

/// <summary>Every tenant, for Natero staff.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record ListTenantsQuery : IQuery<Result<IReadOnlyList<TenantDto>>>;

public sealed class ListTenantsQueryHandler(IApplicationDbContext db) : IQueryHandler<ListTenantsQuery, Result<IReadOnlyList<TenantDto>>>
{
    public async ValueTask<Result<IReadOnlyList<TenantDto>>> Handle(ListTenantsQuery query, CancellationToken cancellationToken)
    {
        // Platform handler: counts members across every tenant.
        var memberCounts = db.Memberships.IgnoreQueryFilters([TenantFilter.Name]);
        var tenants = await db
            .Tenants.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TenantDto(t.Id, t.Slug, t.Name, t.Status, t.CreatedAt, memberCounts.Count(m => m.TenantId == t.Id)))
            .ToListAsync(cancellationToken);
        return tenants;
    }
}
