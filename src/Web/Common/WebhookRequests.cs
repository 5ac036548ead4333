using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Webhooks;
using Natero.Connectors.Application.Webhooks.Commands.CreateWebhookEndpoint;
using Natero.Connectors.Application.Webhooks.Commands.DeleteWebhookEndpoint;
using Natero.Connectors.Application.Webhooks.Commands.ResendWebhookDelivery;
using Natero.Connectors.Application.Webhooks.Commands.RotateWebhookSecret;
using Natero.Connectors.Application.Webhooks.Commands.SendTestWebhook;
using Natero.Connectors.Application.Webhooks.Commands.UpdateWebhookEndpoint;
using Natero.Connectors.Application.Webhooks.Queries.GetWebhookEndpoint;
using Natero.Connectors.Application.Webhooks.Queries.ListWebhookDeliveries;
using Natero.Connectors.Application.Webhooks.Queries.ListWebhookEndpoints;

namespace Natero.Connectors.Web.Common;

/// <summary>
/// The webhook requests of one owner, the current tenant or the platform, so that the pages and the API of both send the
/// same requests through one table.
/// </summary>
public sealed record WebhookRequests(
    Func<ISender, CancellationToken, ValueTask<Result<IReadOnlyList<WebhookEndpointDto>>>> List,
    Func<ISender, Guid, CancellationToken, ValueTask<Result<WebhookEndpointDto>>> Get,
    Func<ISender, string?, string?, IReadOnlyList<string>, CancellationToken, ValueTask<Result<WebhookSecretDto>>> Create,
    Func<ISender, Guid, WebhookChange, CancellationToken, ValueTask<Result<WebhookEndpointDto>>> Update,
    Func<ISender, Guid, CancellationToken, ValueTask<Result>> Delete,
    Func<ISender, Guid, CancellationToken, ValueTask<Result<WebhookSecretDto>>> Rotate,
    Func<ISender, Guid, CancellationToken, ValueTask<Result<WebhookDeliveryDto>>> Test,
    Func<ISender, Guid, int, CancellationToken, ValueTask<Result<IReadOnlyList<WebhookDeliveryDto>>>> Deliveries,
    Func<ISender, Guid, Guid, CancellationToken, ValueTask<Result<WebhookDeliveryDto>>> Resend
)
{
    public static WebhookRequests Tenant { get; } =
        new(
            (s, ct) => s.Send(new ListWebhookEndpointsQuery(), ct),
            (s, id, ct) => s.Send(new GetWebhookEndpointQuery(id), ct),
            (s, url, description, types, ct) => s.Send(new CreateWebhookEndpointCommand(url, description, types), ct),
            (s, id, c, ct) => s.Send(new UpdateWebhookEndpointCommand(id, c.Url, c.Description, c.EventTypes, c.Enabled), ct),
            (s, id, ct) => s.Send(new DeleteWebhookEndpointCommand(id), ct),
            (s, id, ct) => s.Send(new RotateWebhookSecretCommand(id), ct),
            (s, id, ct) => s.Send(new SendTestWebhookCommand(id), ct),
            (s, id, limit, ct) => s.Send(new ListWebhookDeliveriesQuery(id, limit), ct),
            (s, id, delivery, ct) => s.Send(new ResendWebhookDeliveryCommand(id, delivery), ct)
        );

    public static WebhookRequests Platform { get; } =
        new(
            (s, ct) => s.Send(new ListPlatformWebhookEndpointsQuery(), ct),
            (s, id, ct) => s.Send(new GetPlatformWebhookEndpointQuery(id), ct),
            (s, url, description, types, ct) => s.Send(new CreatePlatformWebhookEndpointCommand(url, description, types), ct),
            (s, id, c, ct) => s.Send(new UpdatePlatformWebhookEndpointCommand(id, c.Url, c.Description, c.EventTypes, c.Enabled), ct),
            (s, id, ct) => s.Send(new DeletePlatformWebhookEndpointCommand(id), ct),
            (s, id, ct) => s.Send(new RotatePlatformWebhookSecretCommand(id), ct),
            (s, id, ct) => s.Send(new SendPlatformTestWebhookCommand(id), ct),
            (s, id, limit, ct) => s.Send(new ListPlatformWebhookDeliveriesQuery(id, limit), ct),
            (s, id, delivery, ct) => s.Send(new ResendPlatformWebhookDeliveryCommand(id, delivery), ct)
        );
}
