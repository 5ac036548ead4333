using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Accounts;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Tenants.Invitations.Commands.AcceptInvitation;

/// <summary>
/// A person without an account accepts by choosing a password: the account is created for the invited
/// email (the link reached its mailbox), joins the tenant, and is signed in.
/// </summary>
[AllowAnonymousRequest]
[AuditAction("invitation.accepted", HandlerRecordsOutcome = true)]
public sealed record AcceptInvitationWithNewAccountCommand(string Token, string Password, string? DisplayName)
    : ICommand<Result<AcceptedInvitationDto>>
{
    public override string ToString() => nameof(AcceptInvitationWithNewAccountCommand);
}

public sealed class AcceptInvitationWithNewAccountCommandValidator : AbstractValidator<AcceptInvitationWithNewAccountCommand>
{
    public AcceptInvitationWithNewAccountCommandValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(128);
        RuleFor(c => c.Password).NewPassword();
        RuleFor(c => c.DisplayName).MaximumLength(200);
    }
}

public sealed class AcceptInvitationWithNewAccountCommandHandler(
    IApplicationDbContext db,
    IUserDirectory users,
    IAccounts accounts,
    InvitationAcceptance acceptance,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<AcceptInvitationWithNewAccountCommand, Result<AcceptedInvitationDto>>
{
    public async ValueTask<Result<AcceptedInvitationDto>> Handle(
        AcceptInvitationWithNewAccountCommand command,
        CancellationToken cancellationToken
    )
    {
        if (await InvitationTokens.FindAsync(db, command.Token, cancellationToken) is not var (invitation, tenant))
        {
            return Error.NotFound("Invitation");
        }

        var refusal = InvitationAcceptance.Refusal(invitation.StateAt(time.GetUtcNow()));
        if (refusal is null && await users.FindByEmailAsync(invitation.Email, cancellationToken) is not null)
        {
            refusal = Error.Conflict(
                "account_exists",
                $"{invitation.Email} has a Natero account already. Sign in as {invitation.Email} to accept."
            );
        }

        if (refusal is not null)
        {
            audit.Record("invitation.accepted", $"invitation:{invitation.Id}", AuditOutcome.Failure, refusal.Message, tenantId: tenant.Id);
            await db.SaveChangesAsync(cancellationToken);
            return refusal;
        }

        var created = await accounts.CreateAccountAsync(invitation.Email, command.Password, command.DisplayName, cancellationToken);
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        audit.RecordAs(
            created.Value,
            "account.created",
            $"user:{created.Value.Id}",
            AuditOutcome.Success,
            data: new Dictionary<string, string?> { ["email"] = created.Value.Email, ["through"] = $"invitation:{invitation.Id}" }
        );
        var joined = await acceptance.JoinAsync(invitation, tenant, created.Value, cancellationToken);
        if (joined.IsSuccess)
        {
            await accounts.SignInAsync(created.Value.Id, cancellationToken);
        }

        return joined;
    }
}
