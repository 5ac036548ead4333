using Natero.Connectors.Application.Common.Auditing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Commands.CreateTenant;

/// <summary>Creates a tenant and makes <see cref="AdminEmail"/> its admin with every tenant permission.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("tenant.created")]
public sealed record CreateTenantCommand(string Name, string Slug, string AdminEmail) : ICommand<Result<CreatedTenantDto>>;

/// <param name="AdminInitialPassword">Set only when the admin's account was created now; shown once.</param>
public sealed record CreatedTenantDto(Guid TenantId, string Slug, string Name, string AdminEmail, string? AdminInitialPassword);

public sealed class CreateTenantCommandHandler(
    IApplicationDbContext db,
    IUserDirectory users,
    ITenantContext tenantContext,
    TimeProvider time) : ICommandHandler<CreateTenantCommand, Result<CreatedTenantDto>>
{
    public async ValueTask<Result<CreatedTenantDto>> Handle(CreateTenantCommand command, CancellationToken cancellationToken)
    {
        var slug = TenantSlug.Parse(command.Slug);
        if (await db.Tenants.AnyAsync(t => t.Slug == slug.Value, cancellationToken))
        {
            return Error.Conflict("slug_taken", $"The slug \"{slug}\" is already in use.");
        }

        string? initialPassword = null;
        var admin = await users.FindByEmailAsync(command.AdminEmail, cancellationToken);
        if (admin is null)
        {
            var created = await users.CreateAsync(command.AdminEmail, null, cancellationToken);
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            (admin, initialPassword) = (created.Value.User, created.Value.InitialPassword);
        }

        var tenant = Tenant.Create(Ids.New(time), slug, command.Name);
        db.Tenants.Add(tenant);

        // The first membership belongs to the new tenant, not to the caller's: write it inside that tenant.
        using (tenantContext.EnterTenant(tenant.Id, tenant.Slug))
        {
            db.Memberships.Add(Membership.Create(Ids.New(time), tenant.Id, admin.Id, Permissions.All.Select(p => p.Name)));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new CreatedTenantDto(tenant.Id, tenant.Slug, tenant.Name, admin.Email, initialPassword);
    }
}
