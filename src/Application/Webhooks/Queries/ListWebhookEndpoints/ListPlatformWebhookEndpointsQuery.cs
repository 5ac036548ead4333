using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Queries.ListWebhookEndpoints;

/// <summary>The platform's endpoints, which receive every tenant's events.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record ListPlatformWebhookEndpointsQuery : IQuery<Result<IReadOnlyList<WebhookEndpointDto>>>;
