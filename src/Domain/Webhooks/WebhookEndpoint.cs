using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Events;

namespace Natero.Connectors.Domain.Webhooks;

/// <summary>
/// Where a tenant (or, with no tenant, the platform) wants events sent. Its secret is stored encrypted; after a
/// rotation the old secret signs alongside the new one until <see cref="PreviousSecretExpiresAt"/>. An endpoint
/// that fails throughout the retry window is disabled, and works again only when someone enables it.
/// </summary>
public sealed class WebhookEndpoint : AuditableEntity
{
    public const string AllEvents = "*";
    public const int MaxDescriptionLength = 500;

    private WebhookEndpoint()
    {
        Url = null!;
        EventTypes = null!;
        SecretCiphertext = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>Null for a platform endpoint, which receives every tenant's events.</summary>
    public Guid? TenantId { get; private set; }

    public string Url { get; private set; }
    public string? Description { get; private set; }

    /// <summary>The subscribed event types, comma-separated, or <see cref="AllEvents"/>.</summary>
    public string EventTypes { get; private set; }

    public string SecretCiphertext { get; private set; }
    public string? PreviousSecretCiphertext { get; private set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }
    public Guid CreatedByUserId { get; private set; }
    public DateTimeOffset? DisabledAt { get; private set; }
    public string? DisabledReason { get; private set; }

    /// <summary>When the current run of failures began; null while the last attempt succeeded.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public DateTimeOffset? LastSuccessAt { get; private set; }

    /// <summary>Optimistic concurrency: bumped by every change.</summary>
    public int Version { get; private set; }

    public bool IsEnabled => DisabledAt is null;

    public IReadOnlyList<string> Subscriptions => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static WebhookEndpoint Create(
        Guid id,
        Guid? tenantId,
        Uri url,
        string? description,
        IEnumerable<string> eventTypes,
        string secretCiphertext,
        Guid createdByUserId
    )
    {
        var endpoint = new WebhookEndpoint
        {
            Id = Guard.NotEmpty(id, "Endpoint id"),
            TenantId = tenantId,
            SecretCiphertext = Guard.NotBlank(secretCiphertext, "Secret", 4096),
            CreatedByUserId = Guard.NotEmpty(createdByUserId, "User id"),
        };
        endpoint.Change(url, description, eventTypes);
        return endpoint;
    }

    /// <summary>Whether an event of <paramref name="type"/> goes to this endpoint now.</summary>
    public bool Wants(string type) =>
        IsEnabled
        && type != Events.EventTypes.WebhookTest
        && (EventTypes == AllEvents || Subscriptions.Contains(type, StringComparer.Ordinal));

    public void Change(Uri url, string? description, IEnumerable<string> eventTypes)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(eventTypes);
        Url = Guard.NotBlank(url.ToString(), "URL", 2000);
        Description = string.IsNullOrWhiteSpace(description) ? null : Guard.NotBlank(description, "Description", MaxDescriptionLength);
        var types = eventTypes.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0)
        {
            throw new DomainException("Choose at least one event type.");
        }

        if (types.Contains(AllEvents))
        {
            EventTypes = AllEvents;
        }
        else
        {
            var unknown = types.FirstOrDefault(t => !Events.EventTypes.IsKnown(t));
            EventTypes = unknown is null
                ? string.Join(',', types.Order(StringComparer.Ordinal))
                : throw new DomainException($"\"{unknown}\" is not an event type.");
        }

        Version++;
    }

    /// <summary>The secrets that sign now: the current one, and the previous one until its overlap ends.</summary>
    public IReadOnlyList<string> SigningSecretCiphertexts(DateTimeOffset now) =>
        PreviousSecretCiphertext is not null && now < PreviousSecretExpiresAt
            ? [SecretCiphertext, PreviousSecretCiphertext]
            : [SecretCiphertext];

    public void RotateSecret(string newSecretCiphertext, DateTimeOffset now, TimeSpan overlap)
    {
        PreviousSecretCiphertext = SecretCiphertext;
        PreviousSecretExpiresAt = now + overlap;
        SecretCiphertext = Guard.NotBlank(newSecretCiphertext, "Secret", 4096);
        Version++;
    }

    public void Enable()
    {
        DisabledAt = null;
        DisabledReason = null;
        FailingSince = null;
        Version++;
    }

    public void Disable(string reason, DateTimeOffset now)
    {
        if (DisabledAt is not null)
        {
            return;
        }

        DisabledAt = now;
        DisabledReason = Guard.NotBlank(reason, "Reason", 2000);
        Version++;
    }

    public void RecordSuccess(DateTimeOffset now)
    {
        FailingSince = null;
        LastSuccessAt = now;
    }

    /// <summary>
    /// Records a failed attempt; returns true when it is the one that disables the endpoint, because every attempt
    /// since <see cref="FailingSince"/> failed for at least <paramref name="window"/>.
    /// </summary>
    public bool RecordFailure(DateTimeOffset now, TimeSpan window)
    {
        FailingSince ??= now;
        if (!IsEnabled || now - FailingSince < window)
        {
            return false;
        }

        Disable($"Every delivery failed for {Math.Round(window.TotalHours)} hours (since {FailingSince:u}).", now);
        return true;
    }
}
