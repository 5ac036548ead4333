using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

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
