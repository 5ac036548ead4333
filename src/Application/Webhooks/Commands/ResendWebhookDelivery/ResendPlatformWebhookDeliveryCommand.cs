using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.ResendWebhookDelivery;

[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_webhook.delivery_resent")]
public sealed record ResendPlatformWebhookDeliveryCommand(Guid Id, Guid DeliveryId) : ICommand<Result<WebhookDeliveryDto>>;
