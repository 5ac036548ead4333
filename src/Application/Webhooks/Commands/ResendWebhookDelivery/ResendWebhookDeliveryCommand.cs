using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.ResendWebhookDelivery;

/// <summary>Sends a delivery again now (same <c>webhook-id</c>, so a receiver that has it can tell), with a fresh retry window.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("webhook.delivery_resent")]
public sealed record ResendWebhookDeliveryCommand(Guid Id, Guid DeliveryId) : ICommand<Result<WebhookDeliveryDto>>, ITenantRequest;

public sealed class ResendWebhookDeliveryCommandHandler(
    IApplicationDbContext db,
    ITenantContext tenant,
    IAuditTrail audit,
    TimeProvider time
)
    : ICommandHandler<ResendWebhookDeliveryCommand, Result<WebhookDeliveryDto>>,
        ICommandHandler<ResendPlatformWebhookDeliveryCommand, Result<WebhookDeliveryDto>>
{
    public ValueTask<Result<WebhookDeliveryDto>> Handle(ResendWebhookDeliveryCommand command, CancellationToken cancellationToken) =>
        ResendAsync(tenant.TenantId, command.Id, command.DeliveryId, cancellationToken);

    public ValueTask<Result<WebhookDeliveryDto>> Handle(
        ResendPlatformWebhookDeliveryCommand command,
        CancellationToken cancellationToken
    ) => ResendAsync(null, command.Id, command.DeliveryId, cancellationToken);

    private async ValueTask<Result<WebhookDeliveryDto>> ResendAsync(
        Guid? tenantId,
        Guid id,
        Guid deliveryId,
        CancellationToken cancellationToken
    )
    {
        var endpoint = await WebhookScope.FindAsync(db, tenantId, id, cancellationToken);
        var delivery = endpoint is null
            ? null
            : await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpoint.Id, cancellationToken);
        if (delivery is null)
        {
            return Error.NotFound("Delivery");
        }

        delivery.Resend(time.GetUtcNow());
        audit.Describe(
            WebhookScope.Target(endpoint!.Id),
            new Dictionary<string, string?> { ["delivery"] = delivery.Id.ToString(), ["event_type"] = delivery.EventType }
        );
        await db.SaveChangesAsync(cancellationToken);
        return delivery.ToDto();
    }
}
