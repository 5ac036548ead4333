using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections;

/// <summary>A broken connection of any tenant, with its tenant's slug and name: what the overview and the daily digest list.</summary>
internal sealed record BrokenConnection(
    Guid Id,
    string TenantSlug,
    string TenantName,
    string Provider,
    string ExternalOrgId,
    string? AccountName,
    ConnectionStatus Status,
    DateTimeOffset? LastErrorAt,
    string? LastErrorMessage
)
{
    /// <summary>Every tenant's connections that the domain counts as broken (<see cref="ConnectionChange.BrokenStatuses"/>).</summary>
    public static Task<List<BrokenConnection>> ListAsync(IApplicationDbContext db, CancellationToken cancellationToken)
    {
        var broken = ConnectionChange.BrokenStatuses;
        return db
            .ProviderConnections.IgnoreQueryFilters([TenantFilter.Name])
            .AsNoTracking()
            .Where(c => broken.Contains(c.Status))
            .Join(
                db.Tenants,
                c => c.TenantId,
                t => t.Id,
                (c, t) =>
                    new BrokenConnection(
                        c.Id,
                        t.Slug,
                        t.Name,
                        c.Provider,
                        c.ExternalOrgId,
                        c.AccountName,
                        c.Status,
                        c.LastErrorAt,
                        c.LastErrorMessage
                    )
            )
            .ToListAsync(cancellationToken);
    }
}
