using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;

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
