using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Commands.RequestPasswordReset;

/// <summary>
/// "Forgot password?": mails a single-use reset link (one hour) when the email has an account. The caller is
/// told the same either way, and both ways do the same work, so the answer reveals nothing about accounts.
/// </summary>
[AllowAnonymousRequest]
[AuditAction("account.password_reset_requested", HandlerRecordsOutcome = true)]
public sealed record RequestPasswordResetCommand(string Email) : ICommand<Result>;

public sealed class RequestPasswordResetCommandValidator : AbstractValidator<RequestPasswordResetCommand>
{
    public RequestPasswordResetCommandValidator() => RuleFor(c => c.Email).SignInEmail();
}

public sealed class RequestPasswordResetCommandHandler(
    IAccounts accounts,
    IAuditTrail audit,
    IEmailOutbox mail,
    IOptions<EmailOptions> email,
    IApplicationDbContext db
) : ICommandHandler<RequestPasswordResetCommand, Result>
{
    /// <summary>What the person sees, whether or not the email has an account.</summary>
    public const string Answer =
        "If an account uses this email, we have sent it a link to choose a new password. The link works once, for one hour.";

    public async ValueTask<Result> Handle(RequestPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var address = command.Email.Trim();
        var data = new Dictionary<string, string?> { ["email"] = address };
        if (await accounts.CreatePasswordResetTokenAsync(address, cancellationToken) is var (user, token))
        {
            mail.Enqueue(AccountEmails.PasswordReset(user.Email, email.Value.LinkTo($"/account/reset-password/{token}")));
            audit.Record("account.password_reset_requested", $"user:{user.Id}", AuditOutcome.Success, data: data);
        }
        else
        {
            audit.Record("account.password_reset_requested", null, AuditOutcome.Failure, "No account has this email.", data: data);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
