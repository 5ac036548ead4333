namespace Natero.Connectors.Application.Common.Auditing;

/// <summary>
/// The audit action of a command. Every command carries one; a test holds every command to it. By
/// default the audit behaviour records it on success, in the same transaction as the change; a handler
/// whose outcomes differ by path records its own events instead (<see cref="HandlerRecordsOutcome"/>).
/// Refusals and failures are recorded under this action when the handler recorded nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class AuditActionAttribute(string action) : Attribute
{
    public string Action { get; } = action;

    public bool HandlerRecordsOutcome { get; init; }
}
