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

    /// <summary>
    /// The invitations pending for <paramref name="email"/> in any tenant, with their tenants, oldest sent first: a
    /// person who arrives outside any tenant URL (a first single sign-on, a host's user) accepts them by arriving.
    /// </summary>
    public async Task<IReadOnlyList<(Invitation Invitation, Tenant Tenant)>> PendingForAsync(
        string email,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        var normalized = Invitation.Normalize(email);
        return (
            await db
                .Invitations.IgnoreQueryFilters([TenantFilter.Name])
                .Where(i => i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null)
                .Join(db.Tenants, i => i.TenantId, t => t.Id, (i, t) => new { Invitation = i, Tenant = t })
                .ToListAsync(cancellationToken)
        )
            .Where(found => found.Invitation.StateAt(now) == InvitationState.Pending)
            .OrderBy(found => found.Invitation.LastSentAt)
            .Select(found => (found.Invitation, found.Tenant))
            .ToList();
    }

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
