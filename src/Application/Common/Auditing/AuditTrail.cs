using System.Text.Json;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Common.Auditing;

/// <summary>Where the current request came from, for the audit record.</summary>
public interface IRequestContext
{
    string? IpAddress { get; }
    string? UserAgent { get; }
    string? CorrelationId { get; }
}

/// <summary>
/// Adds audit events to the unit of work, so they are saved in the same transaction as the change
/// they describe. Callers pass only names and ids: secrets have no parameter to travel through.
/// </summary>
public interface IAuditTrail
{
    /// <summary>How many events this unit of work has recorded so far.</summary>
    int Recorded { get; }

    AuditEvent Record(string action, string? target, AuditOutcome outcome, string? reason = null, Guid? tenantId = null, IReadOnlyDictionary<string, string?>? data = null);

    /// <summary>
    /// An event whose actor is a person the request does not carry yet or any more: the account that has
    /// just signed in, or whose password was just reset through a link.
    /// </summary>
    AuditEvent RecordAs(
        UserSummary actor, string action, string? target, AuditOutcome outcome, string? reason = null, Guid? tenantId = null,
        IReadOnlyDictionary<string, string?>? data = null);
}

internal sealed class AuditTrail(IApplicationDbContext db, ICurrentUser user, ITenantContext tenant, IRequestContext request, TimeProvider time) : IAuditTrail
{
    public int Recorded { get; private set; }

    public AuditEvent Record(string action, string? target, AuditOutcome outcome, string? reason = null, Guid? tenantId = null, IReadOnlyDictionary<string, string?>? data = null)
    {
        // Nobody signed in: a request from outside is "anonymous"; work the app started itself is "system".
        var actor = (user.UserId, user.ApiKey) switch
        {
            (null, _) => (ActorType.System, (string?)null, request.IpAddress is null ? "system" : "anonymous"),
            (_, { } key) => (ActorType.ApiKey, key.Id.ToString(), $"API key \"{key.Name}\" ({key.DisplayPrefix}…) of {user.Email}"),
            ({ } id, null) => (user.IsInRole(PlatformRoles.PlatformAdmin) ? ActorType.PlatformAdmin : ActorType.User, id.ToString(), user.Email ?? id.ToString()),
        };
        return Add(actor, action, target, outcome, reason, tenantId, data);
    }

    public AuditEvent RecordAs(
        UserSummary actor, string action, string? target, AuditOutcome outcome, string? reason = null, Guid? tenantId = null,
        IReadOnlyDictionary<string, string?>? data = null) =>
        Add((ActorType.User, actor.Id.ToString(), actor.Email), action, target, outcome, reason, tenantId, data);

    private AuditEvent Add(
        (ActorType Type, string? Id, string Name) actor, string action, string? target, AuditOutcome outcome, string? reason, Guid? tenantId,
        IReadOnlyDictionary<string, string?>? data)
    {
        var (actorType, actorId, actorName) = actor;
        Recorded++;
        var auditEvent = AuditEvent.Record(
            Ids.New(time),
            time.GetUtcNow(),
            tenantId ?? tenant.TenantId,
            actorType,
            actorId,
            actorName.Length > 256 ? actorName[..256] : actorName,
            action,
            target,
            outcome,
            reason,
            request.IpAddress,
            request.UserAgent,
            request.CorrelationId,
            data is null ? null : JsonSerializer.Serialize(data));
        db.AuditEvents.Add(auditEvent);
        return auditEvent;
    }
}

/// <summary>For work that no HTTP request started (start-up, background jobs, tests).</summary>
public sealed class NoRequestContext : IRequestContext
{
    public string? IpAddress => null;
    public string? UserAgent => null;
    public string? CorrelationId => null;
}
