using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Commands.GetAccessToken;

/// <summary>
/// Hands automation a usable access token for one of the tenant's connections, refreshing it first when
/// stale. A command rather than a query: handing out a credential is recorded, every time.
/// </summary>
[RequirePermission(Permissions.DataConnectors.ReadCredentials)]
[AuditAction("connection.access_token_read")]
public sealed record GetAccessTokenCommand(Guid ConnectionId) : ICommand<Result<ConnectionAccessToken>>, ITenantRequest;

public sealed class GetAccessTokenCommandHandler(IConnectionAccessTokens tokens, ITenantContext tenant)
    : ICommandHandler<GetAccessTokenCommand, Result<ConnectionAccessToken>>
{
    public async ValueTask<Result<ConnectionAccessToken>> Handle(GetAccessTokenCommand command, CancellationToken cancellationToken) =>
        await tokens.GetAsync(tenant.TenantId!.Value, command.ConnectionId, cancellationToken);
}
