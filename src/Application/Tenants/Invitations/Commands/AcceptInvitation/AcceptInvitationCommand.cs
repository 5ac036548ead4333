using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Tenants.Invitations.Commands.AcceptInvitation;

/// <summary>A signed-in person accepts an invitation made out to their own email.</summary>
[AuditAction("invitation.accepted", HandlerRecordsOutcome = true)]
public sealed record AcceptInvitationCommand(string Token) : ICommand<Result<AcceptedInvitationDto>>
{
    public override string ToString() => nameof(AcceptInvitationCommand);
}

public sealed class AcceptInvitationCommandValidator : AbstractValidator<AcceptInvitationCommand>
{
    public AcceptInvitationCommandValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(128);
}

public sealed class AcceptInvitationCommandHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    IUserDirectory users,
    InvitationAcceptance acceptance,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<AcceptInvitationCommand, Result<AcceptedInvitationDto>>
{
    public async ValueTask<Result<AcceptedInvitationDto>> Handle(AcceptInvitationCommand command, CancellationToken cancellationToken)
    {
        if (user.ApiKey is not null || user.UserId is not { } userId)
        {
            return Error.Forbidden("An invitation is accepted by the invited person, signed in, not by an API key.");
        }

        if (await InvitationTokens.FindAsync(db, command.Token, cancellationToken) is not var (invitation, tenant))
        {
            return Error.NotFound("Invitation");
        }

        var person = (await users.GetByIdsAsync([userId], cancellationToken)).GetValueOrDefault(userId);
        var refusal = InvitationAcceptance.Refusal(invitation.StateAt(time.GetUtcNow()));
        if (refusal is null && (person is null || !invitation.IsFor(person.Email)))
        {
            refusal = Error.Forbidden(
                $"This invitation is for {invitation.Email}. Sign out, then sign in as {invitation.Email} to accept it."
            );
        }

        if (refusal is not null)
        {
            audit.Record(
                "invitation.accepted",
                $"invitation:{invitation.Id}",
                refusal.Kind == ErrorKind.Forbidden ? AuditOutcome.Denied : AuditOutcome.Failure,
                refusal.Message,
                tenantId: tenant.Id
            );
            await db.SaveChangesAsync(cancellationToken);
            return refusal;
        }

        return await acceptance.JoinAsync(invitation, tenant, person!, cancellationToken);
    }
}
