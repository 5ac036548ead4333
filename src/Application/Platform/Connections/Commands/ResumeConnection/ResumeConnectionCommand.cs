using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;

[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("connection.resumed", HandlerRecordsOutcome = true)]
public sealed record ResumeConnectionCommand(Guid ConnectionId) : ICommand<Result<ConnectionStatus>>;

public sealed class ResumeConnectionCommandHandler(IApplicationDbContext db, ITenantContext tenant, IAuditTrail audit)
    : ICommandHandler<ResumeConnectionCommand, Result<ConnectionStatus>>
{
    public async ValueTask<Result<ConnectionStatus>> Handle(ResumeConnectionCommand command, CancellationToken cancellationToken)
    {
        if (await PlatformConnectionStore.FindAsync(db, tenant, command.ConnectionId, cancellationToken) is not var (connection, scope))
        {
            return Error.NotFound("Connection");
        }

        using (scope)
        {
            if (connection.RefusalTo(ConnectionAction.Resume) is { } refusal)
            {
                return Error.Refused(refusal);
            }

            connection.Resume();
            audit.Record("connection.resumed", $"connection:{connection.Id}", AuditOutcome.Success, null, connection.TenantId);
            await db.SaveChangesAsync(cancellationToken);
            return connection.Status;
        }
    }
}
