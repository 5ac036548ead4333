using Mediator;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Audit.Queries.GetAuditCheckpointKey;

/// <summary>The public key that checkpoints verify with. It is public by nature: any API key may read it.</summary>
public sealed record GetAuditCheckpointKeyQuery : IQuery<Result<AuditCheckpointKey>>;

public sealed class GetAuditCheckpointKeyQueryHandler(IAuditCheckpointSigner signer)
    : IQueryHandler<GetAuditCheckpointKeyQuery, Result<AuditCheckpointKey>>
{
    public ValueTask<Result<AuditCheckpointKey>> Handle(GetAuditCheckpointKeyQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(signer.Key is { } key ? (Result<AuditCheckpointKey>)key : AuditCheckpointErrors.Off);
}
