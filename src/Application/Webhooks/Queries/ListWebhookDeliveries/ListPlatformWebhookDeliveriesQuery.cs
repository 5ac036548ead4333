using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Webhooks.Queries.ListWebhookDeliveries;

[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record ListPlatformWebhookDeliveriesQuery(Guid Id, int Limit = 50) : IQuery<Result<IReadOnlyList<WebhookDeliveryDto>>>;

public sealed class ListPlatformWebhookDeliveriesQueryValidator : AbstractValidator<ListPlatformWebhookDeliveriesQuery>
{
    public ListPlatformWebhookDeliveriesQueryValidator() => RuleFor(q => q.Limit).InclusiveBetween(1, 200);
}
