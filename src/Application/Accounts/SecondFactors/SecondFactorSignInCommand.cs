using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.SecondFactors;

/// <summary>
/// The second step of a sign-in, after a right password: a code of the authenticator app, or one of the recovery
/// codes (each works once). Wrong codes count towards the lockout like wrong passwords. Audited on the platform chain.
/// </summary>
[AllowAnonymousRequest]
[AuditAction("account.signed_in", HandlerRecordsOutcome = true)]
public sealed record SecondFactorSignInCommand(SecondFactorKind Kind, string Code) : ICommand<Result<SecondFactorSignedIn>>
{
    public override string ToString() => $"{nameof(SecondFactorSignInCommand)} {{ Kind = {Kind} }}";
}

public sealed class SecondFactorSignInCommandValidator : AbstractValidator<SecondFactorSignInCommand>
{
    public SecondFactorSignInCommandValidator()
    {
        RuleFor(c => c.Code)
            .NotEmpty()
            .WithMessage(c =>
                c.Kind == SecondFactorKind.RecoveryCode
                    ? "Enter one of your recovery codes."
                    : "Enter the code your authenticator app shows."
            )
            .MaximumLength(32);
        RuleFor(c => c.Kind).IsInEnum();
    }
}

public sealed class SecondFactorSignInCommandHandler(IAccounts accounts, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<SecondFactorSignInCommand, Result<SecondFactorSignedIn>>
{
    public const string Expired = "Your sign-in has timed out. Enter your email and password again.";

    public async ValueTask<Result<SecondFactorSignedIn>> Handle(SecondFactorSignInCommand command, CancellationToken cancellationToken)
    {
        var outcome = await accounts.SecondFactorSignInAsync(command.Kind, command.Code, cancellationToken);
        var target = outcome.User is { } known ? $"user:{known.Id}" : null;
        var method = command.Kind == SecondFactorKind.RecoveryCode ? "recovery_code" : "authenticator";
        var data = new Dictionary<string, string?> { ["method"] = method, ["email"] = outcome.User?.Email };
        Result<SecondFactorSignedIn> result;
        switch (outcome.Result)
        {
            case PasswordSignInResult.SignedIn:
                if (command.Kind == SecondFactorKind.RecoveryCode)
                {
                    audit.RecordAs(
                        outcome.User!,
                        "account.recovery_code_used",
                        target,
                        AuditOutcome.Success,
                        data: new Dictionary<string, string?>
                        {
                            ["left"] = outcome.RecoveryCodesLeft.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        }
                    );
                }

                audit.RecordAs(outcome.User!, "account.signed_in", target, AuditOutcome.Success, data: data);
                result = new SecondFactorSignedIn(outcome.User!, outcome.RecoveryCodesLeft);
                break;
            case PasswordSignInResult.NotAllowed:
                result = new Error(ErrorKind.Unauthorized, "second_factor_expired", Expired);
                break;
            case PasswordSignInResult.LockedOut:
                audit.Record("account.sign_in_failed", target, AuditOutcome.Denied, "The account is locked out.", data: data);
                result = new Error(
                    ErrorKind.Unauthorized,
                    "locked_out",
                    "Too many failed attempts. This account is locked for 15 minutes."
                );
                break;
            case PasswordSignInResult.Disabled:
                audit.Record("account.sign_in_failed", target, AuditOutcome.Denied, "The account is disabled.", data: data);
                result = new Error(
                    ErrorKind.Unauthorized,
                    "account_disabled",
                    "This account is disabled. Ask Natero support or your administrator."
                );
                break;
            default:
                audit.Record(
                    "account.sign_in_failed",
                    target,
                    AuditOutcome.Failure,
                    command.Kind == SecondFactorKind.RecoveryCode ? "Wrong or used recovery code." : "Wrong authenticator code.",
                    data: data
                );
                var wrong =
                    command.Kind == SecondFactorKind.RecoveryCode
                        ? "That recovery code is not right, or was used already."
                        : "That code is not right. Enter the code your authenticator app shows now.";
                result = Error.Invalid("wrong_code", wrong) with { Fields = new Dictionary<string, string[]> { ["Code"] = [wrong] } };
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
