using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants.Invitations.Queries.ListInvitations;

/// <summary>The current tenant's invitations that nobody accepted or revoked: pending ones first, then expired ones.</summary>
[RequirePermission(Permissions.Users.Manage)]
public sealed record ListInvitationsQuery : IQuery<Result<IReadOnlyList<InvitationDto>>>, ITenantRequest;

public sealed class ListInvitationsQueryHandler(IApplicationDbContext db, TimeProvider time)
    : IQueryHandler<ListInvitationsQuery, Result<IReadOnlyList<InvitationDto>>>
{
    public async ValueTask<Result<IReadOnlyList<InvitationDto>>> Handle(ListInvitationsQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db
            .Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null)
            .ToListAsync(cancellationToken);
        return open.Select(i => InvitationDto.From(i, now)).OrderBy(i => i.State).ThenByDescending(i => i.LastSentAt).ToList();
    }
}
