namespace Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;

public enum AuditChainProblem
{
    /// <summary>An event's content no longer matches its hash.</summary>
    Altered,

    /// <summary>A position of the chain has no event: one was removed.</summary>
    Missing,

    /// <summary>An event does not follow the one before it: it was put there afterwards.</summary>
    Inserted,
}
