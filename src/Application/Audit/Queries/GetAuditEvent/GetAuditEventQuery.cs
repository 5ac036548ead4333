using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.GetAuditEvent;

/// <summary>One event of any tenant, for Natero staff.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record GetAuditEventQuery(Guid EventId) : IQuery<Result<AuditEventDto>>;

public sealed class GetAuditEventQueryHandler(IApplicationDbContext db, ITenantContext tenant, IUserDirectory users)
    : IQueryHandler<GetAuditEventQuery, Result<AuditEventDto>>,
        IQueryHandler<GetTenantAuditEventQuery, Result<AuditEventDto>>
{
    public ValueTask<Result<AuditEventDto>> Handle(GetAuditEventQuery query, CancellationToken cancellationToken) =>
        GetAsync(AuditScope.Platform, query.EventId, cancellationToken);

    public ValueTask<Result<AuditEventDto>> Handle(GetTenantAuditEventQuery query, CancellationToken cancellationToken) =>
        GetAsync(AuditScope.OfTenant(tenant.TenantId!.Value), query.EventId, cancellationToken);

    private async ValueTask<Result<AuditEventDto>> GetAsync(AuditScope scope, Guid id, CancellationToken cancellationToken)
    {
        var events = (await AuditEventSearch.FilterAsync(db, scope, AuditEventFilter.None, cancellationToken))!;
        var found = await events.Where(e => e.Id == id).WithTenantSlugs(db).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return Error.NotFound("Audit event");
        }

        return (await AuditTargetNames.NameAsync(db, users, scope, [found], cancellationToken))[0];
    }
}
