using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Notifications;
using Natero.Connectors.Application.Webhooks;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>What follows when an endpoint is disabled for failing throughout the retry window, added to the same save.</summary>
internal sealed class WebhookDisabling(ApplicationDbContext db, IAuditTrail audit, WebhookDisabledNotice notice)
{
    public async Task DisabledAsync(WebhookEndpoint endpoint, DateTimeOffset now)
    {
        await db
            .WebhookDeliveries.Where(d =>
                d.EndpointId == endpoint.Id && (d.Status == WebhookDeliveryStatus.Pending || d.Status == WebhookDeliveryStatus.Retrying)
            )
            .ExecuteUpdateAsync(set =>
                set.SetProperty(d => d.Status, WebhookDeliveryStatus.Failed)
                    .SetProperty(d => d.LastError, "The endpoint was disabled after failing throughout the retry window.")
                    .SetProperty(d => d.NextAttemptAt, now)
            );
        audit.Record(
            endpoint.TenantId is null ? "platform_webhook.disabled" : "webhook.disabled",
            WebhookScope.Target(endpoint.Id),
            AuditOutcome.Success,
            endpoint.DisabledReason,
            endpoint.TenantId,
            new Dictionary<string, string?> { ["url"] = endpoint.Url }
        );
        await notice.QueueAsync(endpoint, CancellationToken.None);
    }
}
