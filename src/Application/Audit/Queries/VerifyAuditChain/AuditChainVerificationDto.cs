namespace Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;

public sealed record AuditChainVerificationDto(
    string ChainKey,
    bool Intact,
    long EventsChecked,
    long? BrokenAtSeq,
    AuditChainProblem? Problem,
    string Message
);
