using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Commands.ChangePassword;

/// <summary>A signed-in person changes their own password; their other sessions end, and they get an email saying so.</summary>
[AuditAction("account.password_changed", HandlerRecordsOutcome = true)]
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : ICommand<Result>
{
    public override string ToString() => nameof(ChangePasswordCommand);
}

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(256);
        RuleFor(c => c.NewPassword)
            .NewPassword()
            .NotEqual(c => c.CurrentPassword)
            .WithMessage("Choose a password other than your current one.");
    }
}

public sealed class ChangePasswordCommandHandler(
    IAccounts accounts,
    ICurrentUser user,
    IAuditTrail audit,
    IEmailOutbox mail,
    IApplicationDbContext db
) : ICommandHandler<ChangePasswordCommand, Result>
{
    public async ValueTask<Result> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        if (user.ApiKey is not null || user.UserId is not { } userId)
        {
            return Error.Forbidden("A password is changed by its owner, signed in, not by an API key.");
        }

        var target = $"user:{userId}";
        var changed = await accounts.ChangePasswordAsync(userId, command.CurrentPassword, command.NewPassword, cancellationToken);
        if (!changed.IsSuccess)
        {
            audit.Record(
                "account.password_changed",
                target,
                AuditOutcome.Failure,
                changed.Error!.Code == "wrong_password" ? "The current password was not right." : "The new password was refused."
            );
        }
        else
        {
            audit.Record("account.password_changed", target, AuditOutcome.Success);
            if (user.Email is { } email)
            {
                mail.Enqueue(AccountEmails.PasswordChanged(email));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
