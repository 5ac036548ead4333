namespace Natero.Connectors.Domain.Audit;

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}
