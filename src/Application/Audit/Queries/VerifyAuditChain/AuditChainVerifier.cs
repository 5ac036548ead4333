using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;

/// <summary>
/// Walks one chain in order and names its first broken link. Used by the verification queries and by
/// the retention archive, which refuses to archive a chain that does not verify.
/// </summary>
public static class AuditChainVerifier
{
    public static async Task<AuditChainVerificationDto> VerifyAsync(
        IApplicationDbContext db,
        string chain,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);

        // Archived events are gone by design: the newest anchor stands in for them, and names the head
        // the chain had then, which must still be there.
        var anchor = await db
            .AuditAnchors.AsNoTracking()
            .Where(a => a.ChainKey == chain)
            .OrderByDescending(a => a.ArchivedThroughSeq)
            .FirstOrDefaultAsync(cancellationToken);
        var firstSeq = (anchor?.ArchivedThroughSeq ?? 0) + 1;
        var expectedSeq = firstSeq;
        var previousHash = anchor?.ArchivedThroughHash ?? AuditChain.GenesisHash;

        // Streamed in order: memory stays flat however long the chain is.
        var events = db.AuditEvents.AsNoTracking().Where(e => e.ChainKey == chain && e.Seq >= firstSeq).OrderBy(e => e.Seq);
        await foreach (var e in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var checkedCount = expectedSeq - firstSeq;
            switch (AuditChainLinks.Check(e, expectedSeq, previousHash))
            {
                case AuditChainProblem.Missing:
                    return Broken(
                        chain,
                        checkedCount,
                        expectedSeq,
                        AuditChainProblem.Missing,
                        $"Event {expectedSeq} is missing: the chain jumps from {expectedSeq - 1} to {e.Seq}."
                    );
                case AuditChainProblem.Inserted:
                    return Broken(
                        chain,
                        checkedCount,
                        e.Seq,
                        AuditChainProblem.Inserted,
                        $"Event {e.Seq} does not follow event {e.Seq - 1}: it was inserted, or put in place of the original."
                    );
                case AuditChainProblem.Altered:
                    return Broken(
                        chain,
                        checkedCount,
                        e.Seq,
                        AuditChainProblem.Altered,
                        $"Event {e.Seq} was altered after it was recorded: its content no longer matches its hash."
                    );
            }

            if (anchor is not null && e.Seq == anchor.HeadSeq && !string.Equals(e.Hash, anchor.HeadHash, StringComparison.Ordinal))
            {
                return Broken(
                    chain,
                    checkedCount,
                    e.Seq,
                    AuditChainProblem.Altered,
                    $"Event {e.Seq} is not the event the archive of {anchor.CreatedAt:yyyy-MM-dd} "
                        + "recorded at that position: the chain was rewritten."
                );
            }

            previousHash = e.Hash;
            expectedSeq++;
        }

        var count = expectedSeq - firstSeq;
        if (anchor is not null && expectedSeq - 1 < anchor.HeadSeq)
        {
            return Broken(
                chain,
                count,
                expectedSeq,
                AuditChainProblem.Missing,
                $"Events {expectedSeq} to {anchor.HeadSeq} are missing: the chain reached "
                    + $"{anchor.HeadSeq} when it was archived on {anchor.CreatedAt:yyyy-MM-dd}."
            );
        }

        var archived = anchor is null
            ? string.Empty
            : $" Events 1 to {anchor.ArchivedThroughSeq} were archived to {anchor.ArchiveFile} on {anchor.CreatedAt:yyyy-MM-dd}.";
        return new AuditChainVerificationDto(
            chain,
            true,
            count,
            null,
            null,
            (
                count == 0
                    ? (anchor is null ? "The chain has no events yet." : "Intact: no events were recorded after the archive.")
                    : $"Intact: all {count} events are in place and unaltered."
            ) + archived
        );
    }

    private static AuditChainVerificationDto Broken(string chain, long checkedCount, long seq, AuditChainProblem problem, string message) =>
        new(chain, false, checkedCount, seq, problem, message);
}
