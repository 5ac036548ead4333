using Mediator;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;
using Natero.Connectors.Application.ApiKeys.Commands.RevokeApiKey;
using Natero.Connectors.Application.ApiKeys.Queries.GetApiKey;
using Natero.Connectors.Application.ApiKeys.Queries.ListApiKeys;

namespace Natero.Connectors.Web.Api;

/// <summary><c>/api/v1/api-keys</c>: the tenant's API keys, for tenant keys; a secret is shown once, at creation.</summary>
internal static class ApiKeyEndpoints
{
    public static void MapApiKeys(RouteGroupBuilder keys)
    {
        keys.MapGet("/", async (ISender sender, CancellationToken ct) => ApiResults.Ok(await sender.Send(new ListApiKeysQuery(), ct)))
            .WithName("ListApiKeys")
            .WithSummary("The tenant's API keys; never their secrets.")
            .Produces<IReadOnlyList<ApiKeyDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapGet("/{id:guid}", async (HttpContext http, ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Tagged(http, await sender.Send(new GetApiKeyQuery(id), ct))
            )
            .WithName("GetApiKey")
            .WithSummary("One of the tenant's API keys; never its secret.")
            .Produces<ApiKeyDto>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapPost("/", async (HttpContext http, ISender sender, CreateApiKeyRequest body, CancellationToken ct) =>
            {
                var command = new CreateApiKeyCommand(body.Name ?? string.Empty, body.Scopes ?? [], body.ExpiresInDays ?? 0);
                var result = await sender.Send(command, ct);
                http.Response.Headers.CacheControl = "no-store";
                return ApiResults.Created(result, k => $"{ApiEndpoints.Prefix}/api-keys/{k.Id}", k => k);
            })
            .WithName("CreateApiKey")
            .WithSummary(
                "A new key with some of your own permissions. Its plaintext is in this response only: a retry with the same "
                    + "Idempotency-Key answers the key as GET /api-keys/{id} does. A key made by a key expires no later than it "
                    + "and is revoked with it."
            )
            .WithMetadata(new SecretBearing(nameof(CreatedApiKeyDto.Plaintext)) { Reread = ReplayCreatedKeyAsync })
            .Produces<CreatedApiKeyDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapDelete("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.NoContent(await sender.Send(new RevokeApiKeyCommand(id), ct))
            )
            .WithName("RevokeApiKey")
            .WithSummary("Revokes a key. Other instances stop accepting it within a second with Redis, else within ApiKeys:CacheDuration.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>A replayed key creation: the key as its GET shows it now, to a caller who may still manage keys.</summary>
    private static async Task<IResult> ReplayCreatedKeyAsync(HttpContext http, Guid id)
    {
        ApiTenantFilter.Apply(http);
        var key = await http.RequestServices.GetRequiredService<ISender>().Send(new GetApiKeyQuery(id), http.RequestAborted);
        return ApiResults.Created(key, k => $"{ApiEndpoints.Prefix}/api-keys/{k.Id}", k => k);
    }
}
