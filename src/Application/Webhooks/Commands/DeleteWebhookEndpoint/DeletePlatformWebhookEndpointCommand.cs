using Mediator;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Commands.DeleteWebhookEndpoint;

[RequirePlatformRole(PlatformRoles.PlatformAdmin)]
[AuditAction("platform_webhook.deleted")]
public sealed record DeletePlatformWebhookEndpointCommand(Guid Id) : ICommand<Result>;
