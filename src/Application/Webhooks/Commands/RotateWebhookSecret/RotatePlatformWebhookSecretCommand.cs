using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.RotateWebhookSecret;

[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_webhook.secret_rotated")]
public sealed record RotatePlatformWebhookSecretCommand(Guid Id) : ICommand<Result<WebhookSecretDto>>;
