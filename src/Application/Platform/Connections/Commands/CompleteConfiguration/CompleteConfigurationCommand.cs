using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;

/// <summary>Natero staff finished setting up the connection: PendingConfiguration becomes Active.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("connection.configuration_completed", HandlerRecordsOutcome = true)]
public sealed record CompleteConfigurationCommand(Guid ConnectionId, string? Note) : ICommand<Result<ConnectionStatus>>;

public sealed class CompleteConfigurationCommandValidator : AbstractValidator<CompleteConfigurationCommand>
{
    public CompleteConfigurationCommandValidator()
    {
        RuleFor(c => c.ConnectionId).NotEmpty();
        RuleFor(c => c.Note).MaximumLength(2000);
    }
}

public sealed class CompleteConfigurationCommandHandler(
    IApplicationDbContext db,
    ITenantContext tenant,
    ICurrentUser user,
    IAuditTrail audit,
    TimeProvider time
) : ICommandHandler<CompleteConfigurationCommand, Result<ConnectionStatus>>
{
    public async ValueTask<Result<ConnectionStatus>> Handle(CompleteConfigurationCommand command, CancellationToken cancellationToken)
    {
        if (await PlatformConnectionStore.FindAsync(db, tenant, command.ConnectionId, cancellationToken) is not var (connection, scope))
        {
            return Error.NotFound("Connection");
        }

        using (scope)
        {
            if (connection.RefusalTo(ConnectionAction.CompleteConfiguration) is { } refusal)
            {
                return Error.Refused(refusal);
            }

            connection.CompleteConfiguration(user.UserId!.Value, command.Note, time.GetUtcNow());
            audit.Record(
                "connection.configuration_completed",
                $"connection:{connection.Id}",
                AuditOutcome.Success,
                command.Note,
                connection.TenantId
            );
            await db.SaveChangesAsync(cancellationToken);
            return connection.Status;
        }
    }
}
