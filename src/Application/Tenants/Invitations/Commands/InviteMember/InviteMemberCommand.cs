using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations.Commands.InviteMember;

/// <summary>
/// Invites a person to the current tenant by email, with some of the inviter's own permissions. They join
/// when they accept through the emailed link: a new person by choosing a password, anyone else by signing in.
/// </summary>
[RequirePermission(Domain.Authorization.Permissions.Users.Manage)]
[AuditAction("invitation.sent", HandlerRecordsOutcome = true)]
public sealed record InviteMemberCommand(string Email, IReadOnlyList<string> Permissions) : ICommand<Result<InvitationDto>>, ITenantRequest;

public sealed class InviteMemberCommandValidator : AbstractValidator<InviteMemberCommand>
{
    public InviteMemberCommandValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Permissions).KnownPermissions();
    }
}

public sealed class InviteMemberCommandHandler(
    IApplicationDbContext db,
    IUserDirectory users,
    ICurrentTenantAccess access,
    InvitationMail invitations,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<InviteMemberCommand, Result<InvitationDto>>
{
    public async ValueTask<Result<InvitationDto>> Handle(InviteMemberCommand command, CancellationToken cancellationToken)
    {
        var caller = (await access.GetAsync(cancellationToken))!;
        if (
            PermissionGrants.Refusal(caller.Permissions, command.Permissions, "You can only give permissions you hold yourself") is
            { } refusal
        )
        {
            return refusal;
        }

        var email = command.Email.Trim();
        if (
            await users.FindByEmailAsync(email, cancellationToken) is { } existing
            && await db.Memberships.AnyAsync(m => m.UserId == existing.Id, cancellationToken)
        )
        {
            return Error.Conflict("already_member", $"{existing.Email} is already a member of this tenant.");
        }

        var normalized = Invitation.Normalize(email);
        var now = time.GetUtcNow();
        var earlier = await db
            .Invitations.Where(i => i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .AnyAsync(cancellationToken);
        if (earlier)
        {
            return Error.Conflict(
                "already_invited",
                $"{email} has a pending invitation already. Send it again from the list, or revoke it first."
            );
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == caller.TenantId, cancellationToken);
        var invitation = invitations.Invite(tenant, email, command.Permissions);
        audit.Record("invitation.sent", $"invitation:{invitation.Id}", AuditOutcome.Success, data: InvitationAudit.Data(invitation));
        await db.SaveChangesAsync(cancellationToken);
        return InvitationDto.From(invitation, now);
    }
}
