using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Commands.SignInWithPasskey;

/// <summary>
/// Signs in with a passkey, without a password (or as the second step after one): the answer of the person's
/// authenticator to <c>GetPasskeyRequestOptionsQuery</c>. A passkey of a disabled account signs nobody in.
/// Every outcome is audited on the platform chain, never with the credential.
/// </summary>
[AllowAnonymousRequest]
[AuditAction("account.signed_in", HandlerRecordsOutcome = true)]
public sealed record SignInWithPasskeyCommand(string CredentialJson) : ICommand<Result<UserSummary>>
{
    public override string ToString() => nameof(SignInWithPasskeyCommand);
}

public sealed class SignInWithPasskeyCommandValidator : AbstractValidator<SignInWithPasskeyCommand>
{
    public SignInWithPasskeyCommandValidator()
    {
        RuleFor(c => c.CredentialJson).PasskeyCredential();
    }
}

public sealed class SignInWithPasskeyCommandHandler(IPasskeys passkeys, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<SignInWithPasskeyCommand, Result<UserSummary>>
{
    public const string NotAccepted = "That passkey did not sign you in. Try again, or sign in with your email and password.";

    private static readonly IReadOnlyDictionary<string, string?> ByPasskey = new Dictionary<string, string?> { ["method"] = "passkey" };

    public async ValueTask<Result<UserSummary>> Handle(SignInWithPasskeyCommand command, CancellationToken cancellationToken)
    {
        var outcome = await passkeys.SignInAsync(command.CredentialJson, cancellationToken);
        var target = outcome.User is { } known ? $"user:{known.Id}" : null;
        Result<UserSummary> result;
        switch (outcome.Result)
        {
            case PasskeySignInResult.SignedIn:
                audit.RecordAs(outcome.User!, "account.signed_in", target, AuditOutcome.Success, data: ByPasskey);
                result = outcome.User!;
                break;
            case PasskeySignInResult.Disabled:
                audit.Record("account.sign_in_failed", target, AuditOutcome.Denied, "The account is disabled.", data: ByPasskey);
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
                    outcome.Problem ?? "The passkey was not accepted.",
                    data: ByPasskey
                );
                result = new Error(ErrorKind.Unauthorized, "passkey_refused", NotAccepted);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return result;
    }
}
