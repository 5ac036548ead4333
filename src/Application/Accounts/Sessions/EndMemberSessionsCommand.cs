using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Accounts.Sessions;

/// <summary>
/// An admin of the tenant ends every session of a member (a stolen laptop, someone leaving): the member signs in
/// again everywhere. Their API keys are another thing, revoked on the API keys page.
/// </summary>
[RequirePermission(Permissions.Users.Manage)]
[AuditAction("member.sessions_ended")]
public sealed record EndMemberSessionsCommand(Guid MembershipId) : ICommand<Result<int>>, ITenantRequest;

public sealed class EndMemberSessionsCommandHandler(IApplicationDbContext db, IAuditTrail audit, TimeProvider time)
    : ICommandHandler<EndMemberSessionsCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(EndMemberSessionsCommand command, CancellationToken cancellationToken)
    {
        var member = await db
            .Memberships.AsNoTracking()
            .Where(m => m.Id == command.MembershipId)
            .Select(m => new { m.UserId })
            .SingleOrDefaultAsync(cancellationToken);
        if (member is null)
        {
            return Error.NotFound("Member");
        }

        var now = time.GetUtcNow();
        var open = await db.SignInSessions.Where(s => s.UserId == member.UserId && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in open)
        {
            session.End(now, SessionEndReasons.EndedByAdmin);
        }

        audit.Describe(
            $"membership:{command.MembershipId}",
            new Dictionary<string, string?>
            {
                ["user"] = member.UserId.ToString(),
                ["sessions_ended"] = open.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return open.Count;
    }
}
