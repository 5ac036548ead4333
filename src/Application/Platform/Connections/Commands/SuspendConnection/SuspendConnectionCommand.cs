using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;

/// <summary>Natero staff stop a connection from being used; Resume puts it back as it was.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("connection.suspended", HandlerRecordsOutcome = true)]
public sealed record SuspendConnectionCommand(Guid ConnectionId, string? Reason) : ICommand<Result<ConnectionStatus>>;

public sealed class SuspendConnectionCommandValidator : AbstractValidator<SuspendConnectionCommand>
{
    public SuspendConnectionCommandValidator()
    {
        RuleFor(c => c.ConnectionId).NotEmpty();
        RuleFor(c => c.Reason).MaximumLength(2000);
    }
}

public sealed class SuspendConnectionCommandHandler(IApplicationDbContext db, ITenantContext tenant, IAuditTrail audit, TimeProvider time)
    : ICommandHandler<SuspendConnectionCommand, Result<ConnectionStatus>>
{
    public async ValueTask<Result<ConnectionStatus>> Handle(SuspendConnectionCommand command, CancellationToken cancellationToken)
    {
        if (await PlatformConnectionStore.FindAsync(db, tenant, command.ConnectionId, cancellationToken) is not var (connection, scope))
        {
            return Error.NotFound("Connection");
        }

        using (scope)
        {
            if (connection.RefusalTo(ConnectionAction.Suspend) is { } refusal)
            {
                return Error.Refused(refusal);
            }

            connection.Suspend(time.GetUtcNow(), command.Reason);
            audit.Record("connection.suspended", $"connection:{connection.Id}", AuditOutcome.Success, command.Reason, connection.TenantId);
            await db.SaveChangesAsync(cancellationToken);
            return connection.Status;
        }
    }
}
