using Natero.Connectors.Application.Common.Auditing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants.Commands.AddMember;

/// <summary>Adds a person to the current tenant; creates their account when there is none yet.</summary>
[RequirePermission(Domain.Authorization.Permissions.Users.Manage)]
[AuditAction("member.added")]
public sealed record AddMemberCommand(string Email, IReadOnlyList<string> Permissions) : ICommand<Result<AddedMemberDto>>, ITenantRequest;

/// <param name="InitialPassword">Set only when the account was created now; shown once to the admin who added them.</param>
public sealed record AddedMemberDto(Guid MembershipId, Guid UserId, string Email, string? InitialPassword);

public sealed class AddMemberCommandHandler(
    IApplicationDbContext db,
    IUserDirectory users,
    ITenantContext tenant,
    TimeProvider time) : ICommandHandler<AddMemberCommand, Result<AddedMemberDto>>
{
    public async ValueTask<Result<AddedMemberDto>> Handle(AddMemberCommand command, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId!.Value;
        string? initialPassword = null;
        var user = await users.FindByEmailAsync(command.Email, cancellationToken);
        if (user is not null && await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            return Error.Conflict("already_member", $"{user.Email} is already a member of this tenant.");
        }

        if (user is null)
        {
            var created = await users.CreateAsync(command.Email, null, cancellationToken);
            if (!created.IsSuccess)
            {
                return created.Error!;
            }

            (user, initialPassword) = (created.Value.User, created.Value.InitialPassword);
        }

        var membership = Membership.Create(Ids.New(time), tenantId, user.Id, command.Permissions);
        db.Memberships.Add(membership);
        await db.SaveChangesAsync(cancellationToken);
        return new AddedMemberDto(membership.Id, user.Id, user.Email, initialPassword);
    }
}
