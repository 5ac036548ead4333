using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.DisconnectConnection;

/// <summary>
/// Revokes the connection's refresh token at the provider and erases both tokens. The record stays.
/// When the provider cannot be reached the tokens are erased anyway and the failed revocation is recorded.
/// </summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("connection.disconnected", HandlerRecordsOutcome = true)]
public sealed record DisconnectConnectionCommand(Guid ConnectionId) : ICommand<Result<DisconnectedDto>>, ITenantRequest;

public sealed class DisconnectConnectionCommandHandler(
    IApplicationDbContext db,
    IOAuthProviderRegistry providers,
    ISecretProtector protector,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<DisconnectConnectionCommand, Result<DisconnectedDto>>
{
    public async ValueTask<Result<DisconnectedDto>> Handle(DisconnectConnectionCommand command, CancellationToken cancellationToken)
    {
        var connection = await db.ProviderConnections.SingleOrDefaultAsync(c => c.Id == command.ConnectionId, cancellationToken);
        if (connection is null)
        {
            return Error.NotFound("Connection");
        }

        if (connection.RefusalTo(ConnectionAction.Disconnect) is { } refusal)
        {
            return Error.Refused(refusal);
        }

        var revoke = await RevokeAsync(connection, cancellationToken);
        var now = time.GetUtcNow();
        connection.Disconnect(now);
        var providerName = providers.Find(connection.Provider)?.Descriptor.DisplayName ?? "the provider";
        var message = connection.IsSuspended
            ? $"Natero revoked its access at {providerName} and erased the tokens. "
                + "The connection stays suspended by Natero staff until they resume it."
            : $"Disconnected. Natero revoked its access at {providerName} and erased the tokens.";
        if (!revoke.IsSuccess)
        {
            message =
                "Disconnected and the tokens were erased, but revoking them at the provider failed: "
                + $"{revoke.Error!.Message} Revoke Natero's access in the provider's settings too.";
            connection.RecordError(new ConnectionError("revoke_failed", message), now);
        }

        audit.Record(
            "connection.disconnected",
            $"connection:{connection.Id}",
            AuditOutcome.Success,
            revoke.IsSuccess ? null : revoke.Error!.Message,
            data: new Dictionary<string, string?> { ["revoked_at_provider"] = revoke.IsSuccess.ToString() }
        );
        await db.SaveChangesAsync(cancellationToken);
        return new DisconnectedDto(connection.Id, revoke.IsSuccess, message);
    }

    /// <summary>The provider's adapter chooses which of the tokens its revocation takes.</summary>
    private async Task<Result> RevokeAsync(ProviderConnection connection, CancellationToken cancellationToken)
    {
        var provider = providers.Find(connection.Provider);
        if (provider is null || StoredGrant.Of(connection, protector) is not { } tokens)
        {
            return Error.Conflict("nothing_to_revoke", "There was no readable token to revoke.");
        }

        return await provider.RevokeAsync(connection.Site, tokens, cancellationToken);
    }
}
