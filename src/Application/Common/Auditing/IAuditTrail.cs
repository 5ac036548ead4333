using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Common.Auditing;

/// <summary>
/// Adds audit events to the unit of work, so they are saved in the same transaction as the change
/// they describe. Callers pass only names and ids: secrets have no parameter to travel through.
/// </summary>
public interface IAuditTrail
{
    /// <summary>How many events this unit of work has recorded so far.</summary>
    int Recorded { get; }

    AuditEvent Record(
        string action,
        string? target,
        AuditOutcome outcome,
        string? reason = null,
        Guid? tenantId = null,
        IReadOnlyDictionary<string, string?>? data = null
    );

    /// <summary>
    /// An event whose actor is a person the request does not carry yet or any more: the account that has
    /// just signed in, or whose password was just reset through a link.
    /// </summary>
    AuditEvent RecordAs(
        UserSummary actor,
        string action,
        string? target,
        AuditOutcome outcome,
        string? reason = null,
        Guid? tenantId = null,
        IReadOnlyDictionary<string, string?>? data = null
    );

    /// <summary>
    /// The success event of a command, recorded by the audit behaviour before the handler runs so that the
    /// handler's own save commits it with the change. The handler may <see cref="Describe"/> it.
    /// </summary>
    AuditEvent RecordPending(string action, string? target);

    /// <summary>
    /// Names what the running command made or changed (<c>api_key:{id}</c>) and the facts of it, on its pending
    /// success event; call it before the handler saves, which seals the event. Pass ids, names, dates and
    /// permissions only: a key that names a secret, or a value holding an API key, is refused as a bug.
    /// </summary>
    void Describe(string target, IReadOnlyDictionary<string, string?> data);
}
