using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Queries.GetWebhookEndpoint;

[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record GetPlatformWebhookEndpointQuery(Guid Id) : IQuery<Result<WebhookEndpointDto>>;
