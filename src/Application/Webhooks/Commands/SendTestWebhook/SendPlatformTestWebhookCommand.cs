using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.SendTestWebhook;

[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_webhook.test_sent")]
public sealed record SendPlatformTestWebhookCommand(Guid Id) : ICommand<Result<WebhookDeliveryDto>>;
