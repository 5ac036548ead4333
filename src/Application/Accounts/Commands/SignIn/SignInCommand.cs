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

public sealed class SignInCommandHandler(IAccounts accounts, IAuditTrail audit, IApplicationDbContext db, SsoPasswordPolicy ssoPolicy)
    : ICommandHandler<SignInCommand, Result<UserSummary>>
{
    public const string WrongCredentials = "The email or password is not right.";

    /// <summary>The error code of a right password whose account has a second factor: the sign-in goes on at the next step.</summary>
    public const string SecondFactorRequired = "second_factor_required";

    public async ValueTask<Result<UserSummary>> Handle(SignInCommand command, CancellationToken cancellationToken)
    {
        // S26: where a tenant requires single sign-on, the password is still checked (and counts towards a
        // lockout) but starts no session; only its owner learns that single sign-on is the way in.
        var sso = await ssoPolicy.DecideAsync(command.Email, cancellationToken);
        var outcome = sso.Refused
            ? await accounts.VerifyPasswordAsync(command.Email, command.Password, cancellationToken)
            : await accounts.PasswordSignInAsync(command.Email, command.Password, cancellationToken);
        var target = outcome.User is { } known ? $"user:{known.Id}" : null;
        var email = new Dictionary<string, string?> { ["email"] = command.Email.Trim() };
        Result<UserSummary> result;
        switch (outcome.Result)
        {
            case PasswordSignInResult.SignedIn when sso.Refused:
                audit.Record(
                    "account.sign_in_failed",
                    target,
                    AuditOutcome.Denied,
                    "A tenant of the account requires single sign-on for its email domain.",
                    data: new Dictionary<string, string?>(email) { ["reason"] = "sso_required" }
                );
                result = new Error(
                    ErrorKind.Unauthorized,
                    "sso_required",
                    sso.ProviderDisplayName is { } provider
                        ? $"Your organisation signs you in through single sign-on: use \"Sign in with {provider}\" instead of a password."
                        : "Your organisation signs you in through single sign-on: use its \"Sign in with\" button instead of a password."
                );
                break;
            case PasswordSignInResult.SignedIn:
                audit.RecordAs(outcome.User!, "account.signed_in", target, AuditOutcome.Success, data: email);
                RecordBreakGlass(sso, outcome.User!, email);
                result = outcome.User!;
                break;
            case PasswordSignInResult.RequiresSecondFactor:
                RecordBreakGlass(sso, outcome.User!, email);
                audit.Record(
                    "account.second_factor_requested",
                    target,
                    AuditOutcome.Success,
                    "The password was right; the second factor is asked for.",
                    data: email
                );
                result = new Error(
                    ErrorKind.Unauthorized,
                    SecondFactorRequired,
                    "Enter the code of your authenticator app, or use a passkey."
                );
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
                result = new Error(
                    ErrorKind.Unauthorized,
                    "account_disabled",
                    "This account is disabled. Ask Natero support or your administrator."
                );
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

    /// <summary>Each tenant that requires single sign-on but let this admin use the password records it on its own chain.</summary>
    private void RecordBreakGlass(SsoPasswordDecision sso, UserSummary user, IReadOnlyDictionary<string, string?> email)
    {
        foreach (var tenantId in sso.BreakGlassTenants)
        {
            audit.RecordAs(
                user,
                "account.sso_break_glass",
                $"user:{user.Id}",
                AuditOutcome.Success,
                "An administrator used a password where the tenant requires single sign-on.",
                tenantId,
                email
            );
        }
    }

    private static Error LockedOut() =>
        new(
            ErrorKind.Unauthorized,
            "locked_out",
            "Too many failed attempts. This account is locked for 15 minutes; \"Forgot password?\" unlocks it."
        );
}
