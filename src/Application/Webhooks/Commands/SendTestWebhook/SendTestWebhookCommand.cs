using Mediator;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Application.Webhooks.Commands.SendTestWebhook;

/// <summary>Queues a <c>webhook.test</c> event for this one endpoint (enabled or not); it shows in the delivery log.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
[AuditAction("webhook.test_sent")]
public sealed record SendTestWebhookCommand(Guid Id) : ICommand<Result<WebhookDeliveryDto>>, ITenantRequest;

public sealed class SendTestWebhookCommandHandler(IApplicationDbContext db, ITenantContext tenant, IAuditTrail audit, TimeProvider time)
    : ICommandHandler<SendTestWebhookCommand, Result<WebhookDeliveryDto>>,
        ICommandHandler<SendPlatformTestWebhookCommand, Result<WebhookDeliveryDto>>
{
    public ValueTask<Result<WebhookDeliveryDto>> Handle(SendTestWebhookCommand command, CancellationToken cancellationToken) =>
        SendAsync(tenant.TenantId, command.Id, cancellationToken);

    public ValueTask<Result<WebhookDeliveryDto>> Handle(SendPlatformTestWebhookCommand command, CancellationToken cancellationToken) =>
        SendAsync(null, command.Id, cancellationToken);

    private async ValueTask<Result<WebhookDeliveryDto>> SendAsync(Guid? tenantId, Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await WebhookScope.FindAsync(db, tenantId, id, cancellationToken);
        if (endpoint is null)
        {
            return WebhookErrors.EndpointNotFound();
        }

        var now = time.GetUtcNow();
        var test = EventPayloads.Test(tenantId, endpoint.Id, now);
        var delivery = WebhookDelivery.Create(Ids.New(now), endpoint, test.Id, test.Type, now);
        db.OutboundEvents.Add(test);
        db.WebhookDeliveries.Add(delivery);
        audit.Describe(WebhookScope.Target(endpoint.Id), WebhookAudit.Facts(endpoint));
        await db.SaveChangesAsync(cancellationToken);
        return delivery.ToDto();
    }
}
