using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Queries.GetConnections;

/// <summary>The current tenant's connections, newest authorization first.</summary>
[RequirePermission(Permissions.DataConnectors.View)]
public sealed record GetConnectionsQuery : IQuery<Result<IReadOnlyList<ConnectionDto>>>, ITenantRequest;

public sealed class GetConnectionsQueryHandler(IApplicationDbContext db) : IQueryHandler<GetConnectionsQuery, Result<IReadOnlyList<ConnectionDto>>>
{
    public async ValueTask<Result<IReadOnlyList<ConnectionDto>>> Handle(GetConnectionsQuery query, CancellationToken cancellationToken)
    {
        var connections = await db.ProviderConnections.AsNoTracking().ProjectToDto().ToListAsync(cancellationToken);
        return connections.OrderByDescending(c => c.AuthorizedAt).ToList();
    }
}
