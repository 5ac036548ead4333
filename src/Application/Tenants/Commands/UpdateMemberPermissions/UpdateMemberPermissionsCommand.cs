using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;

/// <summary>Grants and revokes so that the member holds exactly <see cref="Permissions"/>.</summary>
[RequirePermission(Domain.Authorization.Permissions.Users.Manage)]
[AuditAction("member.permissions_changed")]
public sealed record UpdateMemberPermissionsCommand(Guid MembershipId, IReadOnlyList<string> Permissions)
    : ICommand<Result<MemberPermissionsChangedDto>>,
        ITenantRequest;

public sealed class UpdateMemberPermissionsCommandHandler(
    IApplicationDbContext db,
    ICurrentTenantAccess access,
    IApiKeyAuthenticator apiKeys
) : ICommandHandler<UpdateMemberPermissionsCommand, Result<MemberPermissionsChangedDto>>
{
    public async ValueTask<Result<MemberPermissionsChangedDto>> Handle(
        UpdateMemberPermissionsCommand command,
        CancellationToken cancellationToken
    )
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == command.MembershipId, cancellationToken);
        if (membership is null)
        {
            return Error.NotFound("Member");
        }

        // Nobody raises or lowers their own standing, and nobody moves a permission they do not hold.
        var caller = (await access.GetAsync(cancellationToken))!;
        if (membership.Id == caller.MembershipId)
        {
            return Error.Forbidden("You cannot change your own permissions. Ask another member who can manage users.");
        }

        var touched = command
            .Permissions.Except(membership.Permissions, StringComparer.Ordinal)
            .Concat(membership.Permissions.Except(command.Permissions, StringComparer.Ordinal));
        if (
            PermissionGrants.Refusal(caller.Permissions, touched, "You can only grant or revoke permissions you hold yourself") is
            { } refusal
        )
        {
            return refusal;
        }

        var keepsUsersManage = command.Permissions.Contains(Permissions.Users.Manage, StringComparer.Ordinal);
        if (
            membership.Has(Permissions.Users.Manage)
            && !keepsUsersManage
            && !await UserManagers.AnyOtherThan(db, membership.Id, cancellationToken)
        )
        {
            return Error.Conflict("last_user_manager", TenantRules.LastUserManagerMessage);
        }

        var change = membership.SetPermissions(command.Permissions);
        await db.SaveChangesAsync(cancellationToken);

        // The member's API keys act with the member's permissions: this instance forgets them at once.
        apiKeys.ForgetCreator(membership.UserId);
        return new MemberPermissionsChangedDto(membership.Id, change.Granted, change.Revoked);
    }
}
