using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Accounts.Sessions;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.SecondFactors;

/// <summary>Removes the authenticator app, with a fresh code from it. The other sessions end.</summary>
[AuditAction("account.authenticator_removed", HandlerRecordsOutcome = true)]
public sealed record RemoveAuthenticatorCommand(string Code) : ICommand<Result>
{
    public override string ToString() => nameof(RemoveAuthenticatorCommand);
}

public sealed class RemoveAuthenticatorCommandValidator : AbstractValidator<RemoveAuthenticatorCommand>
{
    public RemoveAuthenticatorCommandValidator() =>
        RuleFor(c => c.Code)
            .NotEmpty()
            .WithMessage("Enter the code your authenticator app shows, to prove it is still yours.")
            .MaximumLength(16);
}

public sealed class RemoveAuthenticatorCommandHandler(IAccounts accounts, ICurrentUser user, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<RemoveAuthenticatorCommand, Result>
{
    public async ValueTask<Result> Handle(RemoveAuthenticatorCommand command, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var removed = await accounts.RemoveAuthenticatorAsync(owner.Value, command.Code, cancellationToken);
        if (removed.IsSuccess)
        {
            var ended = await accounts.EndOtherSessionsAsync(owner.Value, SessionEndReasons.FactorChanged, cancellationToken);
            audit.Record(
                "account.authenticator_removed",
                $"user:{owner.Value}",
                AuditOutcome.Success,
                data: SessionEndReasons.Ended(ended)
            );
        }
        else
        {
            audit.Record("account.authenticator_removed", $"user:{owner.Value}", AuditOutcome.Failure, removed.Error!.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }
}
