using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Accounts.Sessions;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Email;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.Commands.RemovePasskey;

/// <summary>
/// The signed-in person removes one of their passkeys. Always allowed: the account keeps its password. Their
/// other sessions end, as with any change of factor.
/// </summary>
[AuditAction("account.passkey_removed", HandlerRecordsOutcome = true)]
public sealed record RemovePasskeyCommand(string PasskeyId) : ICommand<Result<PasskeySummary>>;

public sealed class RemovePasskeyCommandValidator : AbstractValidator<RemovePasskeyCommand>
{
    public RemovePasskeyCommandValidator()
    {
        // A credential id is at most 1023 bytes: 1364 characters of base64url.
        RuleFor(c => c.PasskeyId).NotEmpty().MaximumLength(1400).WithMessage("Choose a passkey to remove.");
    }
}

public sealed class RemovePasskeyCommandHandler(
    IPasskeys passkeys,
    IAccounts accounts,
    ICurrentUser user,
    IAuditTrail audit,
    IEmailOutbox mail,
    IApplicationDbContext db
) : ICommandHandler<RemovePasskeyCommand, Result<PasskeySummary>>
{
    public async ValueTask<Result<PasskeySummary>> Handle(RemovePasskeyCommand command, CancellationToken cancellationToken)
    {
        if (user.ApiKey is not null || user.UserId is not { } userId)
        {
            return Error.Forbidden("Passkeys are removed by their owner, signed in, not by an API key.");
        }

        var removed = await passkeys.RemoveAsync(userId, command.PasskeyId, cancellationToken);
        if (!removed.IsSuccess)
        {
            // Nothing changed; the audit behaviour records the failure.
            return removed;
        }

        var ended = await accounts.EndOtherSessionsAsync(userId, SessionEndReasons.FactorChanged, cancellationToken);
        var name = removed.Value.Name;
        audit.Record(
            "account.passkey_removed",
            $"user:{userId}",
            AuditOutcome.Success,
            data: new Dictionary<string, string?>(SessionEndReasons.Ended(ended)) { ["name"] = name }
        );
        if (user.Email is { } email)
        {
            mail.Enqueue(PasskeyEmails.Removed(email, name));
        }

        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }
}
