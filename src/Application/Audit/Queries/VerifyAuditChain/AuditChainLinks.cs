using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;

/// <summary>
/// The rule of one link, shared by the database verifier and the verifier of exports: what is wrong with an event
/// that should sit at <c>expectedSeq</c>, after an event whose hash is <c>previousHash</c>.
/// </summary>
public static class AuditChainLinks
{
    /// <summary>The first problem of <paramref name="e"/> in that place (a gap, a broken link, altered content), or null.</summary>
    public static AuditChainProblem? Check(AuditEvent e, long expectedSeq, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Seq != expectedSeq)
        {
            return AuditChainProblem.Missing;
        }

        if (!string.Equals(e.PrevHash, previousHash, StringComparison.Ordinal))
        {
            return AuditChainProblem.Inserted;
        }

        return IsAltered(e) ? AuditChainProblem.Altered : null;
    }

    /// <summary>Whether the event's content no longer matches its hash (the rule of <see cref="AuditEvent.Seal"/>).</summary>
    public static bool IsAltered(AuditEvent e) => !string.Equals(AuditChain.HashOf(e), e.Hash, StringComparison.Ordinal);
}
