using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.ApiKeys.Authentication;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants.Commands.RemoveMember;

/// <summary>Removes a person from the current tenant; their account and other tenants stay.</summary>
[RequirePermission(Permissions.Users.Manage)]
[AuditAction("member.removed")]
public sealed record RemoveMemberCommand(Guid MembershipId) : ICommand<Result>, ITenantRequest;

public sealed class RemoveMemberCommandHandler(IApplicationDbContext db, IApiKeyAuthenticator apiKeys)
    : ICommandHandler<RemoveMemberCommand, Result>
{
    public async ValueTask<Result> Handle(RemoveMemberCommand command, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == command.MembershipId, cancellationToken);
        if (membership is null)
        {
            return Error.NotFound("Member");
        }

        if (membership.Has(Permissions.Users.Manage) && !await UserManagers.AnyOtherThan(db, membership.Id, cancellationToken))
        {
            return Error.Conflict("last_user_manager", TenantRules.LastUserManagerMessage);
        }

        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);

        // The member's API keys act with the member's permissions: this instance forgets them at once.
        apiKeys.ForgetCreator(membership.UserId);
        return Result.Success();
    }
}
