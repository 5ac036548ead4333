using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Tenants.Invitations;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Commands.CreateTenant;

/// <summary>
/// Creates a tenant and invites <see cref="AdminEmail"/> as its admin with every tenant permission. Nobody
/// learns a password: the admin joins through the emailed link, by choosing one or by signing in.
/// </summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("tenant.created", HandlerRecordsOutcome = true)]
public sealed record CreateTenantCommand(string Name, string Slug, string AdminEmail) : ICommand<Result<CreatedTenantDto>>;

public sealed class CreateTenantCommandHandler(
    IApplicationDbContext db,
    ITenantContext tenantContext,
    InvitationMail invitations,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<CreateTenantCommand, Result<CreatedTenantDto>>
{
    public async ValueTask<Result<CreatedTenantDto>> Handle(CreateTenantCommand command, CancellationToken cancellationToken)
    {
        var slug = TenantSlug.Parse(command.Slug);
        if (await db.Tenants.AnyAsync(t => t.Slug == slug.Value, cancellationToken))
        {
            return Error.Conflict("slug_taken", $"The slug \"{slug}\" is already in use.");
        }

        var tenant = Tenant.Create(Ids.New(time), slug, command.Name);
        db.Tenants.Add(tenant);

        // The invitation belongs to the new tenant, not to the caller's: it is made and saved inside that tenant.
        Invitation invitation;
        using (tenantContext.EnterTenant(tenant.Id, tenant.Slug))
        {
            invitation = invitations.Invite(tenant, command.AdminEmail.Trim(), Permissions.All.Select(p => p.Name));
            audit.Record("invitation.sent", $"invitation:{invitation.Id}", AuditOutcome.Success, data: InvitationAudit.Data(invitation));
        }

        // The tenant's creation is the platform's event, recorded outside the new tenant.
        audit.Record(
            "tenant.created",
            $"tenant:{tenant.Id}",
            AuditOutcome.Success,
            data: new Dictionary<string, string?>
            {
                ["slug"] = tenant.Slug,
                ["name"] = tenant.Name,
                ["admin_email"] = invitation.Email,
                ["invitation"] = invitation.Id.ToString(),
            }
        );
        using (tenantContext.EnterTenant(tenant.Id, tenant.Slug))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return new CreatedTenantDto(tenant.Id, tenant.Slug, tenant.Name, invitation.Email, invitation.Id);
    }
}
