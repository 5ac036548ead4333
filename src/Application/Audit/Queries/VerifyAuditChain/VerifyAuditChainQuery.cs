using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;

/// <summary>Walks one tenant's audit chain (or the platform chain when <see cref="TenantId"/> is null) and names the first broken link.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record VerifyAuditChainQuery(Guid? TenantId) : IQuery<Result<AuditChainVerificationDto>>;

public enum AuditChainProblem
{
    /// <summary>An event's content no longer matches its hash.</summary>
    Altered,

    /// <summary>A position of the chain has no event: one was removed.</summary>
    Missing,

    /// <summary>An event does not follow the one before it: it was put there afterwards.</summary>
    Inserted,
}

public sealed record AuditChainVerificationDto(string ChainKey, bool Intact, long EventsChecked, long? BrokenAtSeq, AuditChainProblem? Problem, string Message);

public sealed class VerifyAuditChainQueryHandler(IApplicationDbContext db) : IQueryHandler<VerifyAuditChainQuery, Result<AuditChainVerificationDto>>
{
    public async ValueTask<Result<AuditChainVerificationDto>> Handle(VerifyAuditChainQuery query, CancellationToken cancellationToken)
    {
        var chain = AuditChain.KeyFor(query.TenantId);
        var expectedSeq = 1L;
        var previousHash = AuditChain.GenesisHash;

        // Streamed in order: memory stays flat however long the chain is.
        await foreach (var e in db.AuditEvents.AsNoTracking().Where(e => e.ChainKey == chain && e.Seq > 0).OrderBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (e.Seq != expectedSeq)
            {
                return Broken(chain, expectedSeq - 1, expectedSeq, AuditChainProblem.Missing, $"Event {expectedSeq} is missing: the chain jumps from {expectedSeq - 1} to {e.Seq}.");
            }

            if (!string.Equals(e.PrevHash, previousHash, StringComparison.Ordinal))
            {
                return Broken(chain, expectedSeq - 1, e.Seq, AuditChainProblem.Inserted, $"Event {e.Seq} does not follow event {e.Seq - 1}: it was inserted, or put in place of the original.");
            }

            if (!string.Equals(AuditChain.HashOf(e), e.Hash, StringComparison.Ordinal))
            {
                return Broken(chain, expectedSeq - 1, e.Seq, AuditChainProblem.Altered, $"Event {e.Seq} was altered after it was recorded: its content no longer matches its hash.");
            }

            previousHash = e.Hash;
            expectedSeq++;
        }

        var count = expectedSeq - 1;
        return new AuditChainVerificationDto(chain, true, count, null, null,
            count == 0 ? "The chain has no events yet." : $"Intact: all {count} events are in place and unaltered.");
    }

    private static AuditChainVerificationDto Broken(string chain, long checkedCount, long seq, AuditChainProblem problem, string message) =>
        new(chain, false, checkedCount, seq, problem, message);
}
