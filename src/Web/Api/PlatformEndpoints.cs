using Mediator;
using Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;
using Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Application.Platform.Connections.Queries.ListPlatformConnections;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Application.Tenants.Queries.ListTenants;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Web.Api;

/// <summary><c>/api/v1/platform</c>: every tenant's connections and the tenants themselves, for platform keys.</summary>
internal static class PlatformEndpoints
{
    public static void MapPlatform(RouteGroupBuilder platform)
    {
        MapConnections(platform);
        MapTenants(platform);
    }

    private static void MapConnections(RouteGroupBuilder platform)
    {
        platform
            .MapGet(
                "/connections",
                async (ISender sender, ConnectionStatus? status, string? tenant, string? provider, CancellationToken ct) =>
                    ApiResults.Ok(await sender.Send(new ListPlatformConnectionsQuery(status, tenant, provider), ct))
            )
            .WithName("ListPlatformConnections")
            .WithSummary("Every tenant's connections, filtered by status, tenant slug and provider. Platform keys.")
            .Produces<IReadOnlyList<PlatformConnectionDto>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        platform
            .MapPost(
                "/connections/{id:guid}/complete-configuration",
                async (ISender sender, Guid id, NoteRequest? body, CancellationToken ct) =>
                    ApiResults.Ok(
                        await sender.Send(new CompleteConfigurationCommand(id, body?.Note), ct),
                        s => new ConnectionStatusResponse(s)
                    )
            )
            .WithName("CompleteConfiguration")
            .WithSummary("Marks a pending connection configured. PlatformAdmin keys.")
            .Produces<ConnectionStatusResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        platform
            .MapPost("/connections/{id:guid}/suspend", async (ISender sender, Guid id, ReasonRequest? body, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new SuspendConnectionCommand(id, body?.Reason), ct), s => new ConnectionStatusResponse(s))
            )
            .WithName("SuspendConnection")
            .WithSummary("Suspends a connection. PlatformAdmin keys.")
            .Produces<ConnectionStatusResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        platform
            .MapPost("/connections/{id:guid}/resume", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ResumeConnectionCommand(id), ct), s => new ConnectionStatusResponse(s))
            )
            .WithName("ResumeConnection")
            .WithSummary("Resumes a suspended connection. PlatformAdmin keys.")
            .Produces<ConnectionStatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static void MapTenants(RouteGroupBuilder platform)
    {
        platform
            .MapGet("/tenants", async (ISender sender, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ListTenantsQuery(), ct))
            )
            .WithName("ListTenants")
            .WithSummary("Every tenant with its member count. Platform keys.")
            .Produces<IReadOnlyList<TenantDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        platform
            .MapPost("/tenants", async (HttpContext http, ISender sender, CreateTenantRequest body, CancellationToken ct) =>
            {
                var command = new CreateTenantCommand(
                    body.Name ?? string.Empty,
                    body.Slug ?? string.Empty,
                    body.AdminEmail ?? string.Empty
                );
                var result = await sender.Send(command, ct);
                http.Response.Headers.CacheControl = "no-store";
                return ApiResults.Created(result, t => $"{ApiEndpoints.Prefix}/platform/tenants", t => t);
            })
            .WithName("CreateTenant")
            .WithSummary("A tenant, and an invitation emailed to its first admin. PlatformAdmin keys.")
            .Produces<CreatedTenantDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
