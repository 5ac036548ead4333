using System.Text.Json;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Common.Auditing;

internal sealed class AuditTrail(
    IApplicationDbContext db,
    ICurrentUser user,
    ITenantContext tenant,
    IRequestContext request,
    TimeProvider time
) : IAuditTrail
{
    /// <summary>Parts of a data key that say its value is a secret; such a key is never written.</summary>
    private static readonly string[] SecretWords =
    [
        "secret",
        "password",
        "plaintext",
        "hash",
        "credential",
        "access_token",
        "refresh_token",
    ];

    private AuditEvent? _pending;

    public int Recorded { get; private set; }

    public AuditEvent RecordPending(string action, string? target) => _pending = Record(action, target, AuditOutcome.Success);

    public void Describe(string target, IReadOnlyDictionary<string, string?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var pending = _pending
            ?? throw new InvalidOperationException("Only a command whose success the audit behaviour records can describe it.");
        foreach (var (key, value) in data)
        {
            // The message names the key only: the value may be the very secret that must not travel further.
            if (SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase)) || (value is not null && HoldsApiKey(value)))
            {
                throw new InvalidOperationException($"Audit data \"{key}\" would carry a secret; audit records never do.");
            }
        }

        pending.Describe(target, JsonSerializer.Serialize(data));
    }

    /// <summary>Whether the text holds a whole API key (its shown-afterwards prefix is fine).</summary>
    private static bool HoldsApiKey(string value)
    {
        var at = -1;
        while ((at = value.IndexOf(ApiKeySecret.Prefix, at + 1, StringComparison.Ordinal)) >= 0)
        {
            if (value.Length - at >= ApiKeySecret.Length && ApiKeySecret.HasValidShape(value.Substring(at, ApiKeySecret.Length)))
            {
                return true;
            }
        }

        return false;
    }

    public AuditEvent Record(
        string action,
        string? target,
        AuditOutcome outcome,
        string? reason = null,
        Guid? tenantId = null,
        IReadOnlyDictionary<string, string?>? data = null
    )
    {
        // Nobody signed in: a request from outside is "anonymous"; work the app started itself is "system".
        var actor = (user.UserId, user.ApiKey) switch
        {
            (null, _) => (ActorType.System, (string?)null, request.IpAddress is null ? "system" : "anonymous"),
            (_, { } key) => (ActorType.ApiKey, key.Id.ToString(), $"API key \"{key.Name}\" ({key.DisplayPrefix}…) of {user.Email}"),
            ({ } id, null) => (
                user.IsInRole(PlatformRoles.PlatformAdmin) ? ActorType.PlatformAdmin : ActorType.User,
                id.ToString(),
                user.Email ?? id.ToString()
            ),
        };
        return Add(actor, action, target, outcome, reason, tenantId, data);
    }

    public AuditEvent RecordAs(
        UserSummary actor,
        string action,
        string? target,
        AuditOutcome outcome,
        string? reason = null,
        Guid? tenantId = null,
        IReadOnlyDictionary<string, string?>? data = null
    ) => Add((ActorType.User, actor.Id.ToString(), actor.Email), action, target, outcome, reason, tenantId, data);

    private AuditEvent Add(
        (ActorType Type, string? Id, string Name) actor,
        string action,
        string? target,
        AuditOutcome outcome,
        string? reason,
        Guid? tenantId,
        IReadOnlyDictionary<string, string?>? data
    )
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
            data is null ? null : JsonSerializer.Serialize(data)
        );
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
