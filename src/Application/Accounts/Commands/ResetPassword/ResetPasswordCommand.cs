using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Commands.ResetPassword;

/// <summary>Sets a new password through a reset link. The link is spent and every session of the account ends.</summary>
[AllowAnonymousRequest]
[AuditAction("account.password_reset", HandlerRecordsOutcome = true)]
public sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand<Result<UserSummary>>
{
    public override string ToString() => nameof(ResetPasswordCommand);
}

public sealed class ResetPasswordCommandValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().WithMessage("This reset link is incomplete.").MaximumLength(2048);
        RuleFor(c => c.NewPassword).NewPassword();
    }
}

public sealed class ResetPasswordCommandHandler(IAccounts accounts, IAuditTrail audit, IEmailOutbox mail, IApplicationDbContext db)
    : ICommandHandler<ResetPasswordCommand, Result<UserSummary>>
{
    public async ValueTask<Result<UserSummary>> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var reset = await accounts.ResetPasswordAsync(command.Token, command.NewPassword, cancellationToken);
        if (reset.IsSuccess)
        {
            audit.RecordAs(reset.Value, "account.password_reset", $"user:{reset.Value.Id}", AuditOutcome.Success);
            mail.Enqueue(AccountEmails.PasswordChanged(reset.Value.Email));
        }
        else
        {
            audit.Record("account.password_reset", null, AuditOutcome.Failure, reset.Error!.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return reset;
    }
}
