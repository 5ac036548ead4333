using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations.Commands.ResendInvitation;

/// <summary>Mails a pending or expired invitation again with a new link and a new expiry; the old link stops working.</summary>
[RequirePermission(Permissions.Users.Manage)]
[AuditAction("invitation.resent", HandlerRecordsOutcome = true)]
public sealed record ResendInvitationCommand(Guid InvitationId) : ICommand<Result<InvitationDto>>, ITenantRequest;

public sealed class ResendInvitationCommandHandler(
    IApplicationDbContext db,
    ICurrentTenantAccess access,
    InvitationMail invitations,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<ResendInvitationCommand, Result<InvitationDto>>
{
    public async ValueTask<Result<InvitationDto>> Handle(ResendInvitationCommand command, CancellationToken cancellationToken)
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
                $"This invitation was {invitation.StateAt(now).ToString().ToLowerInvariant()}; invite the person again."
            );
        }

        var caller = (await access.GetAsync(cancellationToken))!;
        if (
            PermissionGrants.Refusal(caller.Permissions, invitation.Permissions, "You can only give permissions you hold yourself") is
            { } refusal
        )
        {
            return refusal;
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == invitation.TenantId, cancellationToken);
        invitations.Resend(tenant, invitation);
        audit.Record("invitation.resent", $"invitation:{invitation.Id}", AuditOutcome.Success, data: InvitationAudit.Data(invitation));
        await db.SaveChangesAsync(cancellationToken);
        return InvitationDto.From(invitation, now);
    }
}
