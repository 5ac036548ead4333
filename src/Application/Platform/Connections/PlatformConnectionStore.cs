using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Connections;

/// <summary>
/// Platform staff act on any tenant's connection: find it across tenants, then work inside its tenant
/// so that the save-time tenant guard still holds.
/// </summary>
internal static class PlatformConnectionStore
{
    public static async Task<(ProviderConnection Connection, IDisposable TenantScope)?> FindAsync(
        IApplicationDbContext db,
        ITenantContext tenant,
        Guid connectionId,
        CancellationToken cancellationToken
    )
    {
        var connection = await db
            .ProviderConnections.IgnoreQueryFilters([TenantFilter.Name])
            .SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken);
        if (connection is null)
        {
            return null;
        }

        var slug = await db.Tenants.Where(t => t.Id == connection.TenantId).Select(t => t.Slug).SingleAsync(cancellationToken);
        return (connection, tenant.EnterTenant(connection.TenantId, slug));
    }
}
