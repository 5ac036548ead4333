using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Sessions;

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
