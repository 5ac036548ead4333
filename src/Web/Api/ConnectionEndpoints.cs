using Mediator;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Connections.Commands.GetAccessToken;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.Connections.Queries.GetConnection;
using Natero.Connectors.Application.Connections.Queries.GetConnections;
using Natero.Connectors.Application.Connections.Queries.ListConnections;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Application.Connections.Verification;

namespace Natero.Connectors.Web.Api;

/// <summary><c>/api/v1/providers</c> and <c>/api/v1/connections</c>: the tenant's connections, for tenant keys.</summary>
internal static class ConnectionEndpoints
{
    public static void MapProviders(RouteGroupBuilder api)
    {
        api.MapGet("/providers", async (ISender sender, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ListProvidersQuery(), ct))
            )
            .WithName("ListProviders")
            .WithTags("Connections")
            .WithSummary(
                "The providers Natero can connect to: whether each is configured (and if not, what to set), and what a person "
                    + "must give to authorize it (needs: Nothing, Environment or Subdomain)."
            )
            .Produces<IReadOnlyList<ProviderDto>>();
    }

    public static void MapConnections(RouteGroupBuilder connections)
    {
        connections
            .MapGet("/", async (ISender sender, string? cursor, int? limit, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ListConnectionsQuery(cursor, limit ?? 50), ct))
            )
            .WithName("ListConnections")
            .WithSummary("The tenant's connections, newest first, a page at a time (cursor from nextCursor).")
            .Produces<ConnectionPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        connections
            .MapGet("/{id:guid}", async (HttpContext http, ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Tagged(http, await sender.Send(new GetConnectionQuery(id), ct))
            )
            .WithName("GetConnection")
            .WithSummary("One connection. Sends an ETag; If-None-Match with it answers 304 while nothing changed.")
            .Produces<ConnectionDto>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        connections
            .MapPost("/{id:guid}/verify", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new VerifyConnectionCommand(id), ct))
            )
            .WithName("VerifyConnection")
            .WithSummary("Checks the connection against the provider now and returns its status.")
            .Produces<VerificationOutcome>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        connections
            .MapPost("/{id:guid}/access-token", async (HttpContext http, ISender sender, Guid id, CancellationToken ct) =>
            {
                var result = await sender.Send(new GetAccessTokenCommand(id), ct);
                http.Response.Headers.CacheControl = "no-store";
                return ApiResults.Ok(result, t => new AccessTokenResponse(t.AccessToken, t.InstanceUrl, t.IssuedAt));
            })
            .WithName("GetAccessToken")
            .WithMetadata(new AlwaysRuns())
            .WithSummary(
                "A usable access token for the connection (refreshed first when stale). "
                    + "Needs \"Read connector credentials\"; every call is audited."
            )
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        connections
            .MapDelete("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new DisconnectConnectionCommand(id), ct))
            )
            .WithName("DisconnectConnection")
            .WithSummary("Revokes the connection's token at the provider and erases its credentials.")
            .Produces<DisconnectedDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
