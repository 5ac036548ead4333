using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Queries.ListWebhookEndpoints;

/// <summary>The current tenant's endpoints, newest first.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
public sealed record ListWebhookEndpointsQuery : IQuery<Result<IReadOnlyList<WebhookEndpointDto>>>, ITenantRequest;

public sealed class ListWebhookEndpointsQueryHandler(IApplicationDbContext db, ITenantContext tenant)
    : IQueryHandler<ListWebhookEndpointsQuery, Result<IReadOnlyList<WebhookEndpointDto>>>,
        IQueryHandler<ListPlatformWebhookEndpointsQuery, Result<IReadOnlyList<WebhookEndpointDto>>>
{
    public ValueTask<Result<IReadOnlyList<WebhookEndpointDto>>> Handle(
        ListWebhookEndpointsQuery query,
        CancellationToken cancellationToken
    ) => ListAsync(tenant.TenantId, cancellationToken);

    public ValueTask<Result<IReadOnlyList<WebhookEndpointDto>>> Handle(
        ListPlatformWebhookEndpointsQuery query,
        CancellationToken cancellationToken
    ) => ListAsync(null, cancellationToken);

    private async ValueTask<Result<IReadOnlyList<WebhookEndpointDto>>> ListAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var endpoints = await db
            .WebhookEndpoints.AsNoTracking()
            .Where(e => e.TenantId == tenantId)
            .OrderByDescending(e => e.Id)
            .ToListAsync(cancellationToken);
        return endpoints.Select(e => e.ToDto()).ToList();
    }
}
