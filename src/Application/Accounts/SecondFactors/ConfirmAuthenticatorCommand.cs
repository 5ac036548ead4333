using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Accounts.Sessions;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.SecondFactors;

/// <summary>
/// Confirms the new authenticator app with one of its codes; gives ten recovery codes, shown once. The other sessions end.
/// </summary>
[AuditAction("account.authenticator_enrolled", HandlerRecordsOutcome = true)]
public sealed record ConfirmAuthenticatorCommand(string Code) : ICommand<Result<IReadOnlyList<string>>>
{
    public override string ToString() => nameof(ConfirmAuthenticatorCommand);
}

public sealed class ConfirmAuthenticatorCommandValidator : AbstractValidator<ConfirmAuthenticatorCommand>
{
    public ConfirmAuthenticatorCommandValidator() =>
        RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the code your authenticator app shows.").MaximumLength(16);
}

public sealed class ConfirmAuthenticatorCommandHandler(IAccounts accounts, ICurrentUser user, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<ConfirmAuthenticatorCommand, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(ConfirmAuthenticatorCommand command, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var confirmed = await accounts.ConfirmAuthenticatorAsync(owner.Value, command.Code, cancellationToken);
        if (confirmed.IsSuccess)
        {
            var ended = await accounts.EndOtherSessionsAsync(owner.Value, SessionEndReasons.FactorChanged, cancellationToken);
            audit.Record(
                "account.authenticator_enrolled",
                $"user:{owner.Value}",
                AuditOutcome.Success,
                data: SessionEndReasons.Ended(ended)
            );
        }
        else
        {
            audit.Record("account.authenticator_enrolled", $"user:{owner.Value}", AuditOutcome.Failure, confirmed.Error!.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return confirmed;
    }
}
