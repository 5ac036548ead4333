using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Commands.SignIn;

/// <summary>Signs in with a password. Every outcome is audited on the platform chain, never with the password.</summary>
[AllowAnonymousRequest]
[AuditAction("account.signed_in", HandlerRecordsOutcome = true)]
public sealed record SignInCommand(string Email, string Password) : ICommand<Result<UserSummary>>
{
    public override string ToString() => $"{nameof(SignInCommand)} {{ Email = {Email} }}";
}

public sealed class SignInCommandValidator : AbstractValidator<SignInCommand>
{
    public SignInCommandValidator()
    {
        RuleFor(c => c.Email).SignInEmail();
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(256);
    }
}

public sealed class SignInCommandHandler(IAccounts accounts, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<SignInCommand, Result<UserSummary>>
{
    public const string WrongCredentials = "The email or password is not right.";

    /// <summary>The error code of a right password whose account has a second factor: the sign-in goes on at the next step.</summary>
    public const string SecondFactorRequired = "second_factor_required";

    public async ValueTask<Result<UserSummary>> Handle(SignInCommand command, CancellationToken cancellationToken)
    {
        var outcome = await accounts.PasswordSignInAsync(command.Email, command.Password, cancellationToken);
        var target = outcome.User is { } known ? $"user:{known.Id}" : null;
        var email = new Dictionary<string, string?> { ["email"] = command.Email.Trim() };
        Result<UserSummary> result;
        switch (outcome.Result)
        {
            case PasswordSignInResult.SignedIn:
                audit.RecordAs(outcome.User!, "account.signed_in", target, AuditOutcome.Success, data: email);
                result = outcome.User!;
                break;
            case PasswordSignInResult.RequiresSecondFactor:
                audit.Record("account.second_factor_requested", target, AuditOutcome.Success, "The password was right; the second factor is asked for.", data: email);
                result = new Error(ErrorKind.Unauthorized, SecondFactorRequired, "Enter the code of your authenticator app, or use a passkey.");
                break;
            case PasswordSignInResult.LockedOut when outcome.LockedOutNow:
                audit.Record("account.locked_out", target, AuditOutcome.Denied, "Too many wrong passwords in a row.", data: email);
                result = LockedOut();
                break;
            case PasswordSignInResult.LockedOut:
                audit.Record("account.sign_in_failed", target, AuditOutcome.Denied, "The account is locked out.", data: email);
                result = LockedOut();
                break;
            case PasswordSignInResult.Disabled:
                audit.Record("account.sign_in_failed", target, AuditOutcome.Denied, "The account is disabled.", data: email);
                result = new Error(ErrorKind.Unauthorized, "account_disabled", "This account is disabled. Ask Natero support or your administrator.");
                break;
            default:
                var reason = outcome.Result switch
                {
                    PasswordSignInResult.UnknownAccount => "No account has this email.",
                    PasswordSignInResult.NotAllowed => "The account may not sign in.",
                    _ => "Wrong password.",
                };
                audit.Record("account.sign_in_failed", target, AuditOutcome.Failure, reason, data: email);
                result = new Error(ErrorKind.Unauthorized, "sign_in_failed", WrongCredentials);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    private static Error LockedOut() =>
        new(ErrorKind.Unauthorized, "locked_out", "Too many failed attempts. This account is locked for 15 minutes; \"Forgot password?\" unlocks it.");
}
