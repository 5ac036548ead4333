using Mediator;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Commands.CreateAuditCheckpoints;

/// <summary>
/// Signs, now, the head of every chain that changed since its last checkpoint (the hourly round does the same), and
/// returns the checkpoints made: none when nothing changed.
/// </summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("audit.checkpoints_created")]
public sealed record CreateAuditCheckpointsCommand : ICommand<Result<IReadOnlyList<AuditCheckpointDto>>>;

public sealed class CreateAuditCheckpointsCommandHandler(IApplicationDbContext db, IAuditCheckpointSigner signer, TimeProvider time)
    : ICommandHandler<CreateAuditCheckpointsCommand, Result<IReadOnlyList<AuditCheckpointDto>>>
{
    public async ValueTask<Result<IReadOnlyList<AuditCheckpointDto>>> Handle(
        CreateAuditCheckpointsCommand command,
        CancellationToken cancellationToken
    )
    {
        if (signer.Key is null)
        {
            return AuditCheckpointErrors.Off;
        }

        var made = await AuditCheckpointer.MakeAsync(db, signer, time.GetUtcNow(), roundKey: null, cancellationToken);
        if (made is null)
        {
            return Error.Conflict(
                "checkpoint_in_progress",
                "Another checkpoint of the same events was saved at the same moment. List the checkpoints to see it."
            );
        }

        return made.Select(AuditCheckpointer.ToDto).ToList();
    }
}
