using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Invitations.Commands.AcceptInvitation;

/// <summary>Where the person joins: the two ways of accepting (signed in, or with a new account) end here.</summary>
public sealed class InvitationAcceptance(IApplicationDbContext db, ITenantContext tenantContext, IAuditTrail audit, TimeProvider time)
{
    public static Error? Refusal(InvitationState state) =>
        state switch
        {
            InvitationState.Pending => null,
            InvitationState.Accepted => Error.Conflict(
                "invitation_used",
                "This invitation was already accepted. Sign in to open the tenant."
            ),
            InvitationState.Revoked => Error.Conflict(
                "invitation_revoked",
                "This invitation was withdrawn. Ask the tenant's administrator for a new one."
            ),
            _ => Error.Conflict("invitation_expired", "This invitation has expired. Ask the tenant's administrator to send it again."),
        };

    /// <summary>Makes <paramref name="person"/> a member with the invited permissions and spends the invitation, in one save.</summary>
    public async Task<Result<AcceptedInvitationDto>> JoinAsync(
        Invitation invitation,
        Tenant tenant,
        UserSummary person,
        CancellationToken cancellationToken
    )
    {
        using (tenantContext.EnterTenant(tenant.Id, tenant.Slug))
        {
            var now = time.GetUtcNow();
            var alreadyMember = await db.Memberships.AnyAsync(m => m.UserId == person.Id, cancellationToken);
            if (!alreadyMember)
            {
                db.Memberships.Add(Membership.Create(Ids.New(time), tenant.Id, person.Id, invitation.Permissions));
            }

            invitation.Accept(person.Id, person.Email, now);
            var data = new Dictionary<string, string?>(InvitationAudit.Data(invitation)) { ["already_member"] = alreadyMember.ToString() };
            audit.RecordAs(
                person,
                "invitation.accepted",
                $"invitation:{invitation.Id}",
                AuditOutcome.Success,
                tenantId: tenant.Id,
                data: data
            );
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Error.Conflict("invitation_used", "This invitation was accepted a moment ago. Sign in to open the tenant.");
            }
            catch (DbUpdateException) when (!alreadyMember)
            {
                return Error.Conflict("invitation_used", "You joined this tenant a moment ago. Sign in to open it.");
            }

            return new AcceptedInvitationDto(tenant.Slug, tenant.Name, person.Id);
        }
    }
}
