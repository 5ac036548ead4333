using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Queries.ListWebhookDeliveries;

/// <summary>An endpoint's delivery log, newest first: the last <paramref name="Limit"/> deliveries.</summary>
[RequirePermission(Permissions.DataConnectors.Configure)]
public sealed record ListWebhookDeliveriesQuery(Guid Id, int Limit = 50)
    : IQuery<Result<IReadOnlyList<WebhookDeliveryDto>>>,
        ITenantRequest;

public sealed class ListWebhookDeliveriesQueryValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 200);
}

public sealed class ListWebhookDeliveriesQueryHandler(IApplicationDbContext db, ITenantContext tenant)
    : IQueryHandler<ListWebhookDeliveriesQuery, Result<IReadOnlyList<WebhookDeliveryDto>>>,
        IQueryHandler<ListPlatformWebhookDeliveriesQuery, Result<IReadOnlyList<WebhookDeliveryDto>>>
{
    public ValueTask<Result<IReadOnlyList<WebhookDeliveryDto>>> Handle(
        ListWebhookDeliveriesQuery query,
        CancellationToken cancellationToken
    ) => ListAsync(tenant.TenantId, query.Id, query.Limit, cancellationToken);

    public ValueTask<Result<IReadOnlyList<WebhookDeliveryDto>>> Handle(
        ListPlatformWebhookDeliveriesQuery query,
        CancellationToken cancellationToken
    ) => ListAsync(null, query.Id, query.Limit, cancellationToken);

    private async ValueTask<Result<IReadOnlyList<WebhookDeliveryDto>>> ListAsync(
        Guid? tenantId,
        Guid id,
        int limit,
        CancellationToken cancellationToken
    )
    {
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id && e.TenantId == tenantId, cancellationToken))
        {
            return WebhookErrors.EndpointNotFound();
        }

        var deliveries = await db
            .WebhookDeliveries.AsNoTracking()
            .Where(d => d.EndpointId == id)
            .OrderByDescending(d => d.Id)
            .Take(Math.Clamp(limit, 1, 200))
            .ToListAsync(cancellationToken);
        return deliveries.Select(d => d.ToDto()).ToList();
    }
}
