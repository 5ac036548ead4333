using Mediator;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;

/// <summary>One connection of the current tenant with its history; another tenant's id is not found.</summary>
[RequirePermission(Permissions.DataConnectors.View)]
public sealed record GetConnectionHistoryQuery(Guid ConnectionId, DateTimeOffset? Before = null)
    : IQuery<Result<ConnectionHistoryDto>>,
        ITenantRequest;

public sealed class GetConnectionHistoryQueryHandler(IApplicationDbContext db)
    : IQueryHandler<GetConnectionHistoryQuery, Result<ConnectionHistoryDto>>
{
    public async ValueTask<Result<ConnectionHistoryDto>> Handle(GetConnectionHistoryQuery query, CancellationToken cancellationToken)
    {
        var history = await ConnectionHistory.ReadAsync(
            db.ProviderConnections,
            db.Tenants,
            db.AuditEvents,
            db.ConnectionVerifications,
            query.ConnectionId,
            query.Before,
            cancellationToken
        );
        return history is null ? Error.NotFound("Connection") : history;
    }
}
