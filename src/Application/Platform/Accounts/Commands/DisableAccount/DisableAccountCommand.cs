using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Platform.Accounts.Commands.DisableAccount;

/// <summary>Natero staff disable an account: it signs in no more, its sessions end and its API keys stop.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("account.disabled", HandlerRecordsOutcome = true)]
public sealed record DisableAccountCommand(Guid UserId) : ICommand<Result<AccountDto>>;

public sealed class DisableAccountCommandHandler(AccountSwitch accounts) : ICommandHandler<DisableAccountCommand, Result<AccountDto>>
{
    public async ValueTask<Result<AccountDto>> Handle(DisableAccountCommand command, CancellationToken cancellationToken) =>
        await accounts.SetAsync(command.UserId, disabled: true, "account.disabled", cancellationToken);
}
