using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Domain.Webhooks;
using Natero.Connectors.Infrastructure.Persistence;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// One delivery per endpoint that wants the event: the tenant's own endpoints and every platform endpoint
/// (which receive all tenants' events). Test events never fan out: they are made with their one delivery.
/// </summary>
internal sealed class WebhookFanOut(ApplicationDbContext db, TimeProvider time) : IEventConsumer
{
    public async Task ConsumeAsync(OutboundEvent outbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbound);
        var endpoints = await db
            .WebhookEndpoints.AsNoTracking()
            .Where(e => e.DisabledAt == null && (e.TenantId == null || e.TenantId == outbound.TenantId))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var endpoint in endpoints.Where(e => e.Wants(outbound.Type)))
        {
            db.WebhookDeliveries.Add(WebhookDelivery.Create(Ids.New(now), endpoint, outbound.Id, outbound.Type, now));
        }
    }
}
