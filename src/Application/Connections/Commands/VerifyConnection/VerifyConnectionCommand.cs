using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections.Verification;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Commands.VerifyConnection;

/// <summary>"Verify now": the same check the monitor runs, on request.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("connection.verify_requested", HandlerRecordsOutcome = true)]
public sealed record VerifyConnectionCommand(Guid ConnectionId) : ICommand<Result<VerificationOutcome>>, ITenantRequest;

public sealed class VerifyConnectionCommandHandler(
    IApplicationDbContext db,
    ITenantContext tenant,
    IConnectionVerifier verifier,
    IAuditTrail audit
) : ICommandHandler<VerifyConnectionCommand, Result<VerificationOutcome>>
{
    public async ValueTask<Result<VerificationOutcome>> Handle(VerifyConnectionCommand command, CancellationToken cancellationToken)
    {
        if (!await db.ProviderConnections.AnyAsync(c => c.Id == command.ConnectionId, cancellationToken))
        {
            return Error.NotFound("Connection");
        }

        var outcome = await verifier.VerifyAsync(tenant.TenantId!.Value, command.ConnectionId, cancellationToken);
        audit.Record(
            "connection.verify_requested",
            $"connection:{command.ConnectionId}",
            outcome.IsSuccess && outcome.Value.Healthy ? AuditOutcome.Success : AuditOutcome.Failure,
            outcome.IsSuccess ? outcome.Value.Message : outcome.Error!.Message
        );
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}
