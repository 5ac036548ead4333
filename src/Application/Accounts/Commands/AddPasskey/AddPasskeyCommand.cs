using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Accounts.Sessions;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Commands.AddPasskey;

/// <summary>
/// Keeps the passkey the signed-in person's authenticator just made (the answer to
/// <c>GetPasskeyCreationOptionsQuery</c>) under the name they chose. A passkey is a second factor, so their
/// other sessions end. The audit record names the passkey, never its credential.
/// </summary>
[AuditAction("account.passkey_added", HandlerRecordsOutcome = true)]
public sealed record AddPasskeyCommand(string CredentialJson, string Name) : ICommand<Result<PasskeySummary>>
{
    public override string ToString() => $"{nameof(AddPasskeyCommand)} {{ Name = {Name} }}";
}

public sealed class AddPasskeyCommandValidator : AbstractValidator<AddPasskeyCommand>
{
    public AddPasskeyCommandValidator()
    {
        RuleFor(c => c.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n))
            .WithMessage("Name the passkey, e.g. the device it lives on.")
            .MaximumLength(PasskeyRules.NameMaxLength)
            .WithMessage($"A passkey name has at most {PasskeyRules.NameMaxLength} characters.");
        RuleFor(c => c.CredentialJson).PasskeyCredential();
    }
}

public sealed class AddPasskeyCommandHandler(
    IPasskeys passkeys,
    IAccounts accounts,
    ICurrentUser user,
    IAuditTrail audit,
    IEmailOutbox mail,
    IApplicationDbContext db
) : ICommandHandler<AddPasskeyCommand, Result<PasskeySummary>>
{
    public async ValueTask<Result<PasskeySummary>> Handle(AddPasskeyCommand command, CancellationToken cancellationToken)
    {
        if (user.ApiKey is not null || user.UserId is not { } userId)
        {
            return Error.Forbidden("Passkeys are added by their owner, signed in, not by an API key.");
        }

        var target = $"user:{userId}";
        var name = command.Name.Trim();
        var added = await passkeys.AddAsync(userId, command.CredentialJson, name, cancellationToken);
        if (!added.IsSuccess)
        {
            audit.Record(
                "account.passkey_added",
                target,
                AuditOutcome.Failure,
                added.Error!.Message,
                data: new Dictionary<string, string?> { ["name"] = name, ["error"] = added.Error.Code }
            );
        }
        else
        {
            var ended = await accounts.EndOtherSessionsAsync(userId, SessionEndReasons.FactorChanged, cancellationToken);
            audit.Record(
                "account.passkey_added",
                target,
                AuditOutcome.Success,
                data: new Dictionary<string, string?>(SessionEndReasons.Ended(ended)) { ["name"] = name }
            );
            if (user.Email is { } email)
            {
                mail.Enqueue(PasskeyEmails.Added(email, name));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
