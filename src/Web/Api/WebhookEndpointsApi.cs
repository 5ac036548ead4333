using Mediator;
using Natero.Connectors.Application.Webhooks;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// <c>/api/v1/webhooks</c> (a tenant's endpoints, for tenant keys) and <c>/api/v1/platform/webhooks</c> (the
/// platform's, which receive every tenant's events). The signing secret is answered once, at creation and rotation.
/// </summary>
internal static class WebhookEndpointsApi
{
    public static void MapTenantWebhooks(RouteGroupBuilder webhooks) => Map(webhooks, "", WebhookRequests.Tenant);

    public static void MapPlatformWebhooks(RouteGroupBuilder webhooks) => Map(webhooks, "Platform", WebhookRequests.Platform);

    private static void Map(RouteGroupBuilder group, string names, WebhookRequests requests)
    {
        group.ProducesProblem(StatusCodes.Status403Forbidden);
        group
            .MapGet("/", async (ISender sender, CancellationToken ct) => ApiResults.Ok(await requests.List(sender, ct)))
            .WithName($"List{names}Webhooks")
            .WithSummary("The endpoints, newest first; never their secrets.")
            .Produces<IReadOnlyList<WebhookEndpointDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group
            .MapGet("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await requests.Get(sender, id, ct))
            )
            .WithName($"Get{names}Webhook")
            .WithSummary("One endpoint; never its secret.")
            .Produces<WebhookEndpointDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group
            .MapPost("/", async (HttpContext http, ISender sender, WebhookRequest body, CancellationToken ct) =>
            {
                var result = await requests.Create(sender, body.Url, body.Description, body.EventTypes ?? [], ct);
                http.Response.Headers.CacheControl = "no-store";
                return ApiResults.Created(
                    result,
                    w => $"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{w.Endpoint.Id}",
                    Answer
                );
            })
            .WithName($"Create{names}Webhook")
            .WithSummary(
                "A new endpoint: https, resolving to public addresses only. The answer holds its signing secret (whsec_...), "
                    + "shown this once; deliveries are signed per Standard Webhooks with it."
            )
            .WithMetadata(new SecretBearing("secret"))
            .Produces<WebhookSecretAnswer>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group
            .MapPatch("/{id:guid}", async (ISender sender, Guid id, WebhookRequest body, CancellationToken ct) =>
                ApiResults.Ok(
                    await requests.Update(sender, id, new WebhookChange(body.Url, body.Description, body.EventTypes, body.Enabled), ct)
                )
            )
            .WithName($"Update{names}Webhook")
            .WithSummary("Changes the fields given; enabled: true brings back an endpoint disabled for failing.")
            .Produces<WebhookEndpointDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group
            .MapDelete("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.NoContent(await requests.Delete(sender, id, ct))
            )
            .WithName($"Delete{names}Webhook")
            .WithSummary("Removes the endpoint and its delivery log.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group
            .MapPost("/{id:guid}/rotate-secret", async (HttpContext http, ISender sender, Guid id, CancellationToken ct) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return ApiResults.Ok(await requests.Rotate(sender, id, ct), Answer);
            })
            .WithName($"Rotate{names}WebhookSecret")
            .WithSummary("A new secret, shown this once. The old one keeps signing beside it for 24 hours (two v1 signatures).")
            .WithMetadata(new SecretBearing("secret"))
            .Produces<WebhookSecretAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group
            .MapPost("/{id:guid}/test", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await requests.Test(sender, id, ct))
            )
            .WithName($"Test{names}Webhook")
            .WithSummary("Queues a webhook.test event for this endpoint; its delivery shows in the log.")
            .Produces<WebhookDeliveryDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group
            .MapGet("/{id:guid}/deliveries", async (ISender sender, Guid id, int? limit, CancellationToken ct) =>
                ApiResults.Ok(await requests.Deliveries(sender, id, limit ?? 50, ct))
            )
            .WithName($"List{names}WebhookDeliveries")
            .WithSummary("The endpoint's deliveries, newest first: status, attempts, the last answer's code and latency.")
            .Produces<IReadOnlyList<WebhookDeliveryDto>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group
            .MapPost(
                "/{id:guid}/deliveries/{deliveryId:guid}/resend",
                async (ISender sender, Guid id, Guid deliveryId, CancellationToken ct) =>
                    ApiResults.Ok(await requests.Resend(sender, id, deliveryId, ct))
            )
            .WithName($"Resend{names}WebhookDelivery")
            .WithSummary("Sends the delivery again now, with the same webhook-id.")
            .Produces<WebhookDeliveryDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static WebhookSecretAnswer Answer(WebhookSecretDto created) => new(created.Endpoint.Id, created.Endpoint, created.Secret);
}
