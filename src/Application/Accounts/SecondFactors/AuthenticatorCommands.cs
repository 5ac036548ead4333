using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Accounts.Sessions;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Accounts.SecondFactors;

/// <summary>Gives the key of a new authenticator app (the same one until it is confirmed). Nothing signs in with it yet.</summary>
[AuditAction("account.authenticator_started", HandlerRecordsOutcome = true)]
public sealed record StartAuthenticatorCommand : ICommand<Result<AuthenticatorSetup>>;

public sealed class StartAuthenticatorCommandHandler(IAccounts accounts, ICurrentUser user)
    : ICommandHandler<StartAuthenticatorCommand, Result<AuthenticatorSetup>>
{
    public async ValueTask<Result<AuthenticatorSetup>> Handle(StartAuthenticatorCommand command, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        return owner.IsSuccess ? await accounts.StartAuthenticatorAsync(owner.Value, cancellationToken) : owner.Error!;
    }
}

/// <summary>
/// Confirms the new authenticator app with one of its codes; gives ten recovery codes, shown once. The other sessions end.
/// </summary>
[AuditAction("account.authenticator_enrolled", HandlerRecordsOutcome = true)]
public sealed record ConfirmAuthenticatorCommand(string Code) : ICommand<Result<IReadOnlyList<string>>>
{
    public override string ToString() => nameof(ConfirmAuthenticatorCommand);
}

public sealed class ConfirmAuthenticatorCommandValidator : AbstractValidator<ConfirmAuthenticatorCommand>
{
    public ConfirmAuthenticatorCommandValidator() =>
        RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the code your authenticator app shows.").MaximumLength(16);
}

public sealed class ConfirmAuthenticatorCommandHandler(IAccounts accounts, ICurrentUser user, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<ConfirmAuthenticatorCommand, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(ConfirmAuthenticatorCommand command, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var confirmed = await accounts.ConfirmAuthenticatorAsync(owner.Value, command.Code, cancellationToken);
        if (confirmed.IsSuccess)
        {
            var ended = await accounts.EndOtherSessionsAsync(owner.Value, SessionEndReasons.FactorChanged, cancellationToken);
            audit.Record(
                "account.authenticator_enrolled",
                $"user:{owner.Value}",
                AuditOutcome.Success,
                data: SessionEndReasons.Ended(ended)
            );
        }
        else
        {
            audit.Record("account.authenticator_enrolled", $"user:{owner.Value}", AuditOutcome.Failure, confirmed.Error!.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return confirmed;
    }
}

/// <summary>Removes the authenticator app, with a fresh code from it. The other sessions end.</summary>
[AuditAction("account.authenticator_removed", HandlerRecordsOutcome = true)]
public sealed record RemoveAuthenticatorCommand(string Code) : ICommand<Result>
{
    public override string ToString() => nameof(RemoveAuthenticatorCommand);
}

public sealed class RemoveAuthenticatorCommandValidator : AbstractValidator<RemoveAuthenticatorCommand>
{
    public RemoveAuthenticatorCommandValidator() =>
        RuleFor(c => c.Code)
            .NotEmpty()
            .WithMessage("Enter the code your authenticator app shows, to prove it is still yours.")
            .MaximumLength(16);
}

public sealed class RemoveAuthenticatorCommandHandler(IAccounts accounts, ICurrentUser user, IAuditTrail audit, IApplicationDbContext db)
    : ICommandHandler<RemoveAuthenticatorCommand, Result>
{
    public async ValueTask<Result> Handle(RemoveAuthenticatorCommand command, CancellationToken cancellationToken)
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var removed = await accounts.RemoveAuthenticatorAsync(owner.Value, command.Code, cancellationToken);
        if (removed.IsSuccess)
        {
            var ended = await accounts.EndOtherSessionsAsync(owner.Value, SessionEndReasons.FactorChanged, cancellationToken);
            audit.Record(
                "account.authenticator_removed",
                $"user:{owner.Value}",
                AuditOutcome.Success,
                data: SessionEndReasons.Ended(ended)
            );
        }
        else
        {
            audit.Record("account.authenticator_removed", $"user:{owner.Value}", AuditOutcome.Failure, removed.Error!.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }
}

/// <summary>Ten new recovery codes; the old ones stop working.</summary>
[AuditAction("account.recovery_codes_regenerated")]
public sealed record RegenerateRecoveryCodesCommand : ICommand<Result<IReadOnlyList<string>>>;

public sealed class RegenerateRecoveryCodesCommandHandler(IAccounts accounts, ICurrentUser user, IApplicationDbContext db)
    : ICommandHandler<RegenerateRecoveryCodesCommand, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(
        RegenerateRecoveryCodesCommand command,
        CancellationToken cancellationToken
    )
    {
        var owner = SignedInPerson.Of(user);
        if (!owner.IsSuccess)
        {
            return owner.Error!;
        }

        var codes = await accounts.RegenerateRecoveryCodesAsync(owner.Value, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }
}
