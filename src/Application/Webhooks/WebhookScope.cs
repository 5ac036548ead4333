using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Application.Webhooks;

/// <summary>
/// What the webhook requests share: an endpoint is found only within its owner (a tenant, or the platform when
/// <c>tenantId</c> is null), so another tenant's endpoint is "not found"; its secret is encrypted bound to it.
/// </summary>
public static class WebhookScope
{
    public static Task<WebhookEndpoint?> FindAsync(
        IApplicationDbContext db,
        Guid? tenantId,
        Guid id,
        CancellationToken cancellationToken
    ) => db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id && e.TenantId == tenantId, cancellationToken);

    public static SecretBinding Binding(Guid? tenantId, Guid endpointId) => new(tenantId ?? Guid.Empty, endpointId, "webhook_secret");

    public static string Target(Guid endpointId) => $"webhook:{endpointId}";

    public static WebhookEndpointDto ToDto(this WebhookEndpoint e) =>
        new(
            e.Id,
            e.Url,
            e.Description,
            e.Subscriptions,
            e.IsEnabled,
            e.DisabledAt,
            e.DisabledReason,
            e.CreatedAt,
            e.LastSuccessAt,
            e.FailingSince,
            e.PreviousSecretExpiresAt
        );

    public static WebhookDeliveryDto ToDto(this WebhookDelivery d) =>
        new(
            d.Id,
            d.EventId,
            d.EventType,
            d.Status,
            d.Attempts,
            d.CreatedAt,
            d.LastAttemptAt,
            d.Status is WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Retrying ? d.NextAttemptAt : null,
            d.LastStatusCode,
            d.LastLatencyMs,
            d.LastError,
            d.DeliveredAt
        );
}
