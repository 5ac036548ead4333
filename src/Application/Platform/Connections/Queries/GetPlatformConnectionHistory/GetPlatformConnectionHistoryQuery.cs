using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Platform.Connections.Queries.GetPlatformConnectionHistory;

/// <summary>Any tenant's connection with its history, for Natero staff.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record GetPlatformConnectionHistoryQuery(Guid ConnectionId, DateTimeOffset? Before = null)
    : IQuery<Result<ConnectionHistoryDto>>;

public sealed class GetPlatformConnectionHistoryQueryHandler(IApplicationDbContext db)
    : IQueryHandler<GetPlatformConnectionHistoryQuery, Result<ConnectionHistoryDto>>
{
    public async ValueTask<Result<ConnectionHistoryDto>> Handle(
        GetPlatformConnectionHistoryQuery query,
        CancellationToken cancellationToken
    )
    {
        // Platform handler: reads any tenant's connection on purpose.
        var history = await ConnectionHistory.ReadAsync(
            db.ProviderConnections.IgnoreQueryFilters([TenantFilter.Name]),
            db.Tenants,
            db.AuditEvents,
            db.ConnectionVerifications.IgnoreQueryFilters([TenantFilter.Name]),
            query.ConnectionId,
            query.Before,
            cancellationToken
        );
        return history is null ? Error.NotFound("Connection") : history;
    }
}
