using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants.Invitations.Queries.GetInvitation;

/// <summary>One of the current tenant's invitations, as its admins see it: never its link.</summary>
[RequirePermission(Permissions.Users.Manage)]
public sealed record GetInvitationQuery(Guid InvitationId) : IQuery<Result<InvitationDto>>, ITenantRequest;

public sealed class GetInvitationQueryHandler(IApplicationDbContext db, TimeProvider time)
    : IQueryHandler<GetInvitationQuery, Result<InvitationDto>>
{
    public async ValueTask<Result<InvitationDto>> Handle(GetInvitationQuery query, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.InvitationId, cancellationToken);
        return invitation is null ? Error.NotFound("Invitation") : InvitationDto.From(invitation, time.GetUtcNow());
    }
}
