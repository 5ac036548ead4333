using Mediator;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Application.Audit.Commands.CreateAuditCheckpoints;
using Natero.Connectors.Application.Audit.Queries.GetAuditCheckpointKey;
using Natero.Connectors.Application.Audit.Queries.ListAuditCheckpoints;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// Signed audit checkpoints: <c>/api/v1/audit/checkpoints</c> (the tenant's chain, for tenant keys),
/// <c>/api/v1/audit/checkpoint-key</c> (the public key, for any key), and <c>/api/v1/platform/audit/checkpoints</c>
/// (every chain's, and "sign now", for platform keys).
/// </summary>
internal static class AuditCheckpointEndpoints
{
    public static void MapTenantCheckpoints(RouteGroupBuilder api)
    {
        api.MapGet("/audit/checkpoints", async (ISender sender, string? cursor, int? limit, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ListTenantAuditCheckpointsQuery(cursor, limit ?? 50), ct))
            )
            .WithName("ListAuditCheckpoints")
            .WithSummary("The signed checkpoints of the tenant's audit chain, newest first, a page at a time.")
            .AddEndpointFilter<TenantKeyOnly>()
            .WithTags("Audit")
            .Produces<AuditCheckpointPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        // Any valid key, platform keys included, like /providers: the key is public, and every /api/v1 call carries a key
        // so that each has its rate limit. Whoever receives checkpoints by webhook can get a key to fetch it once.
        api.MapGet("/audit/checkpoint-key", async (ISender sender, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new GetAuditCheckpointKeyQuery(), ct))
            )
            .WithName("GetAuditCheckpointKey")
            .WithSummary("The public key audit checkpoints verify with: PEM SubjectPublicKeyInfo, algorithm and key id.")
            .WithTags("Audit")
            .Produces<AuditCheckpointKey>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public static void MapPlatformCheckpoints(RouteGroupBuilder platform)
    {
        platform
            .MapGet("/audit/checkpoints", async (ISender sender, string? tenant, string? cursor, int? limit, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ListAuditCheckpointsQuery(tenant, cursor, limit ?? 50), ct))
            )
            .WithName("ListPlatformAuditCheckpoints")
            .WithSummary("Every chain's signed checkpoints (?tenant=slug for one tenant's), newest first. Platform keys.")
            .Produces<AuditCheckpointPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        platform
            .MapPost("/audit/checkpoints", async (ISender sender, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new CreateAuditCheckpointsCommand(), ct))
            )
            .WithName("CreateAuditCheckpoints")
            .WithSummary("Signs now the head of every chain that changed since its last checkpoint; returns those made. Platform admins.")
            .Produces<IReadOnlyList<AuditCheckpointDto>>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
