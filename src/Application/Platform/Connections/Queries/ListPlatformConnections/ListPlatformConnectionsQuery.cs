using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Queries.GetConnections;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Connections.Queries.ListPlatformConnections;

/// <summary>
/// Every tenant's connections, for Natero staff, with optional filters: by tenant name, then newest first by
/// id within a tenant, the order of <c>ListConnectionsQuery</c>.
/// </summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record ListPlatformConnectionsQuery(ConnectionStatus? Status = null, string? TenantSlug = null, string? Provider = null)
    : IQuery<Result<IReadOnlyList<PlatformConnectionDto>>>;

public sealed class ListPlatformConnectionsQueryHandler(IApplicationDbContext db)
    : IQueryHandler<ListPlatformConnectionsQuery, Result<IReadOnlyList<PlatformConnectionDto>>>
{
    public async ValueTask<Result<IReadOnlyList<PlatformConnectionDto>>> Handle(
        ListPlatformConnectionsQuery query,
        CancellationToken cancellationToken
    )
    {
        // Platform handler: reads across tenants on purpose.
        var connections = db.ProviderConnections.IgnoreQueryFilters([TenantFilter.Name]).AsNoTracking();
        if (query.Status is { } status)
        {
            connections = connections.Where(c => c.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Provider))
        {
            var provider = ProviderKeys.Normalize(query.Provider);
            connections = connections.Where(c => c.Provider == provider);
        }

        var tenants = db.Tenants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.TenantSlug))
        {
            var slug = query.TenantSlug.Trim().ToLowerInvariant();
            tenants = tenants.Where(t => t.Slug == slug);
        }

        var rows = await connections
            .Join(
                tenants,
                c => c.TenantId,
                t => t.Id,
                (c, t) =>
                    new
                    {
                        Connection = c,
                        t.Slug,
                        t.Name,
                    }
            )
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PlatformConnectionDto(r.Connection.TenantId, r.Slug, r.Name, r.Connection.ToDto()))
            .OrderBy(r => r.TenantName, StringComparer.OrdinalIgnoreCase)
            .ThenByDescending(r => r.Connection.Id)
            .ToList();
    }
}
