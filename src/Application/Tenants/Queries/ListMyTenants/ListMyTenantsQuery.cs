using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Tenants.Queries.ListMyTenants;

/// <summary>The tenants the signed-in user belongs to, for the tenant switcher.</summary>
public sealed record ListMyTenantsQuery : IQuery<Result<IReadOnlyList<MyTenantDto>>>;

public sealed class ListMyTenantsQueryHandler(IApplicationDbContext db, ICurrentUser user)
    : IQueryHandler<ListMyTenantsQuery, Result<IReadOnlyList<MyTenantDto>>>
{
    public async ValueTask<Result<IReadOnlyList<MyTenantDto>>> Handle(ListMyTenantsQuery query, CancellationToken cancellationToken)
    {
        var userId = user.UserId!.Value;

        // The one read across tenants a tenant user makes: their own memberships, to list where they belong.
        var tenants = await db
            .Memberships.IgnoreQueryFilters([TenantFilter.Name])
            .Where(m => m.UserId == userId)
            .Join(db.Tenants, m => m.TenantId, t => t.Id, (m, t) => t)
            .OrderBy(t => t.Name)
            .Select(t => new MyTenantDto(t.Id, t.Slug, t.Name, t.Status))
            .ToListAsync(cancellationToken);
        return tenants;
    }
}
