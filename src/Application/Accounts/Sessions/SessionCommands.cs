using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Accounts.Sessions;

/// <summary>A person ends one of their sessions (another browser, a lost laptop); its cookie stops working at once.</summary>
[AuditAction("account.session_ended", HandlerRecordsOutcome = true)]
public sealed record EndMySessionCommand(Guid SessionId) : ICommand<Result>;

public sealed class EndMySessionCommandHandler(ICurrentUser user, IApplicationDbContext db, IAuditTrail audit, TimeProvider time)
    : ICommandHandler<EndMySessionCommand, Result>
{
    public async ValueTask<Result> Handle(EndMySessionCommand command, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var session = await db.SignInSessions.SingleOrDefaultAsync(
            s => s.Id == command.SessionId && s.UserId == owner.Value,
            cancellationToken
        );
        if (session is null)
        {
            return Error.NotFound("Session");
        }

        if (
            session.End(
                time.GetUtcNow(),
                command.SessionId == user.SessionId ? SessionEndReasons.SignedOut : SessionEndReasons.EndedByOwner
            )
        )
        {
            audit.Record(
                "account.session_ended",
                $"user:{owner.Value}",
                AuditOutcome.Success,
                data: new Dictionary<string, string?> { ["session"] = session.Id.ToString("N"), ["method"] = session.Method }
            );
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}

/// <summary>Signs a person out everywhere but here.</summary>
[AuditAction("account.sessions_ended", HandlerRecordsOutcome = true)]
public sealed record EndMyOtherSessionsCommand : ICommand<Result<int>>;

public sealed class EndMyOtherSessionsCommandHandler(ICurrentUser user, IAccounts accounts, IApplicationDbContext db, IAuditTrail audit)
    : ICommandHandler<EndMyOtherSessionsCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(EndMyOtherSessionsCommand command, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var ended = await accounts.EndOtherSessionsAsync(owner.Value, SessionEndReasons.EndedByOwner, cancellationToken);
        audit.Record("account.sessions_ended", $"user:{owner.Value}", AuditOutcome.Success, data: SessionEndReasons.Ended(ended));
        await db.SaveChangesAsync(cancellationToken);
        return ended;
    }
}

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
