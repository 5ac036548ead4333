using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Platform.Accounts.Commands.EnableAccount;

/// <summary>Natero staff enable a disabled account again: it may sign in, and its API keys work again.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("account.enabled", HandlerRecordsOutcome = true)]
public sealed record EnableAccountCommand(Guid UserId) : ICommand<Result<AccountDto>>;

public sealed class EnableAccountCommandHandler(AccountSwitch accounts) : ICommandHandler<EnableAccountCommand, Result<AccountDto>>
{
    public async ValueTask<Result<AccountDto>> Handle(EnableAccountCommand command, CancellationToken cancellationToken) =>
        await accounts.SetAsync(command.UserId, disabled: false, "account.enabled", cancellationToken);
}
