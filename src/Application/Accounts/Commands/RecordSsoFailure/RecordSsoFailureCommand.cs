using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Commands.RecordSsoFailure;

/// <summary>
/// A single sign-on callback the web layer refused before anyone was known (wrong state, nonce, issuer,
/// audience or signature, or the provider's own error). Only the reason's code is recorded: the callback's
/// code, state and tokens never travel this far.
/// </summary>
[AllowAnonymousRequest]
[AuditAction("account.sign_in_failed", HandlerRecordsOutcome = true)]
public sealed record RecordSsoFailureCommand(string Provider, string Reason) : ICommand<Result>;

public sealed class RecordSsoFailureCommandValidator : AbstractValidator<RecordSsoFailureCommand>
{
    public RecordSsoFailureCommandValidator()
    {
        RuleFor(c => c.Provider).NotEmpty().MaximumLength(64);
        RuleFor(c => c.Reason).NotEmpty().MaximumLength(64).Matches("^[a-z_]+$");
    }
}

public sealed class RecordSsoFailureCommandHandler(IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<RecordSsoFailureCommand, Result>
{
    public async ValueTask<Result> Handle(RecordSsoFailureCommand command, CancellationToken cancellationToken)
    {
        audit.Record(
            "account.sign_in_failed",
            null,
            AuditOutcome.Failure,
            $"The single sign-on response was refused ({command.Reason}).",
            data: new Dictionary<string, string?>
            {
                ["method"] = "sso",
                ["provider"] = command.Provider,
                ["reason"] = command.Reason,
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
