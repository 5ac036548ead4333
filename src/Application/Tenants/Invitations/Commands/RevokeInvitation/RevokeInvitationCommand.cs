using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations.Commands.RevokeInvitation;

/// <summary>Withdraws an invitation that nobody accepted yet: its link stops working at once.</summary>
[RequirePermission(Permissions.Users.Manage)]
[AuditAction("invitation.revoked", HandlerRecordsOutcome = true)]
public sealed record RevokeInvitationCommand(Guid InvitationId) : ICommand<Result>, ITenantRequest;

public sealed class RevokeInvitationCommandHandler(IApplicationDbContext db, IAuditTrail audit, TimeProvider time)
    : ICommandHandler<RevokeInvitationCommand, Result>
{
    public async ValueTask<Result> Handle(RevokeInvitationCommand command, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == command.InvitationId, cancellationToken);
        if (invitation is null)
        {
            return Error.NotFound("Invitation");
        }

        var now = time.GetUtcNow();
        if (invitation.StateAt(now) is InvitationState.Accepted or InvitationState.Revoked)
        {
            return Error.Conflict(
                "invitation_closed",
                $"This invitation was already {invitation.StateAt(now).ToString().ToLowerInvariant()}."
            );
        }

        invitation.Revoke(now);
        audit.Record("invitation.revoked", $"invitation:{invitation.Id}", AuditOutcome.Success, data: InvitationAudit.Data(invitation));
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
