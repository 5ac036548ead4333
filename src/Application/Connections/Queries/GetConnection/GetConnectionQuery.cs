using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Queries.GetConnections;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Queries.GetConnection;

/// <summary>One connection of the current tenant; another tenant's id is simply not found.</summary>
[RequirePermission(Permissions.DataConnectors.View)]
public sealed record GetConnectionQuery(Guid ConnectionId) : IQuery<Result<ConnectionDto>>, ITenantRequest;

public sealed class GetConnectionQueryHandler(IApplicationDbContext db) : IQueryHandler<GetConnectionQuery, Result<ConnectionDto>>
{
    public async ValueTask<Result<ConnectionDto>> Handle(GetConnectionQuery query, CancellationToken cancellationToken)
    {
        var connection = await db
            .ProviderConnections.AsNoTracking()
            .Where(c => c.Id == query.ConnectionId)
            .ProjectToDto()
            .SingleOrDefaultAsync(cancellationToken);
        return connection is null ? Error.NotFound("Connection") : connection;
    }
}
