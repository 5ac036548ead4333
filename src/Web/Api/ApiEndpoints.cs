using Mediator;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.ApiKeys.Commands.CreateApiKey;
using Natero.Connectors.Application.ApiKeys.Commands.RevokeApiKey;
using Natero.Connectors.Application.ApiKeys.Queries.GetApiKey;
using Natero.Connectors.Application.ApiKeys.Queries.ListApiKeys;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;
using Natero.Connectors.Application.Connections.Commands.DisconnectConnection;
using Natero.Connectors.Application.Connections.Commands.GetAccessToken;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.Connections.Queries.GetConnection;
using Natero.Connectors.Application.Connections.Queries.GetConnections;
using Natero.Connectors.Application.Connections.Queries.ListConnections;
using Natero.Connectors.Application.Connections.Queries.ListProviders;
using Natero.Connectors.Application.Connections.Verification;
using Natero.Connectors.Application.Platform.Connections.Commands.CompleteConfiguration;
using Natero.Connectors.Application.Platform.Connections.Commands.ResumeConnection;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Application.Platform.Connections.Queries.ListPlatformConnections;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Application.Tenants.Queries.ListTenants;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Web.Pages.Shared.Audit;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// <c>/api/v1</c>: every endpoint sends one mediator request, as the pages do. The tenant comes from the
/// API key, never from the request; a platform key reaches only <c>/api/v1/platform</c>.
/// </summary>
internal static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    public static IEndpointRouteBuilder MapNateroApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ApiComposition.Policy)
            .RequireRateLimiting(ApiComposition.RateLimitPolicy)
            .AddEndpointFilter<ApiTenantFilter>()
            .AddEndpointFilter<RejectNulCharacters>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/providers", async (ISender sender, CancellationToken ct) => ApiResults.Ok(await sender.Send(new ListProvidersQuery(), ct)))
            .WithName("ListProviders").WithTags("Connections").WithSummary("The providers Natero can connect to, and whether each is configured.")
            .Produces<IReadOnlyList<ProviderDescriptor>>();

        MapConnections(api.MapGroup("/connections").AddEndpointFilter<TenantKeyOnly>().WithTags("Connections"));
        MapAudit(api);
        MapApiKeys(api.MapGroup("/api-keys").AddEndpointFilter<TenantKeyOnly>().WithTags("API keys"));
        MemberEndpoints.MapMembers(api);
        var platform = api.MapGroup("/platform").WithTags("Platform");
        MapPlatform(platform);
        PlatformAccountEndpoints.MapAccounts(platform);
        return app;
    }

    private static void MapConnections(RouteGroupBuilder connections)
    {
        connections.MapGet("/", async (ISender sender, string? cursor, int? limit, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ListConnectionsQuery(cursor, limit ?? 50), ct)))
            .WithName("ListConnections").WithSummary("The tenant's connections, newest first, a page at a time (cursor from nextCursor).")
            .Produces<ConnectionPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        connections.MapGet("/{id:guid}", async (HttpContext http, ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Tagged(http, await sender.Send(new GetConnectionQuery(id), ct)))
            .WithName("GetConnection").WithSummary("One connection. Sends an ETag; If-None-Match with it answers 304 while nothing changed.")
            .Produces<ConnectionDto>().Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        connections.MapPost("/authorizations", async (HttpContext http, ISender sender, AuthorizationLinkRequest body, CancellationToken ct) =>
            {
                var result = await sender.Send(new CreateAuthorizationLinkCommand(body.Provider ?? string.Empty, body.Environment ?? ConnectionEnvironment.Production, body.MyDomainHost, body.ReturnUrl), ct);
                return ApiResults.Created(result, _ => $"{Prefix}/connections", link => new AuthorizationLinkResponse(link.Id, ApiLinks.Connect(http, link.Token), link.ExpiresAt));
            })
            .WithName("CreateAuthorizationLink")
            .WithSummary("A single-use link, valid 30 minutes, that a person with \"Configure data connectors\" opens to connect the provider.")
            .Produces<AuthorizationLinkResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        connections.MapPost("/{id:guid}/verify", async (ISender sender, Guid id, CancellationToken ct) => ApiResults.Ok(await sender.Send(new VerifyConnectionCommand(id), ct)))
            .WithName("VerifyConnection").WithSummary("Checks the connection against the provider now and returns its status.")
            .Produces<VerificationOutcome>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);

        connections.MapPost("/{id:guid}/access-token", async (HttpContext http, ISender sender, Guid id, CancellationToken ct) =>
            {
                var result = await sender.Send(new GetAccessTokenCommand(id), ct);
                http.Response.Headers.CacheControl = "no-store";
                return ApiResults.Ok(result, t => new AccessTokenResponse(t.AccessToken, t.InstanceUrl, t.IssuedAt));
            })
            .WithName("GetAccessToken").WithMetadata(new AlwaysRuns())
            .WithSummary("A usable access token for the connection (refreshed first when stale). Needs \"Read connector credentials\"; every call is audited.")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        connections.MapDelete("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) => ApiResults.Ok(await sender.Send(new DisconnectConnectionCommand(id), ct)))
            .WithName("DisconnectConnection").WithSummary("Revokes the connection's token at the provider and erases its credentials.")
            .Produces<DisconnectedDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static void MapAudit(RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", async (ISender sender, [AsParameters] AuditQuery q, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new SearchTenantAuditEventsQuery(Filter(q, tenant: null), q.Cursor, q.Limit ?? 50), ct)))
            .WithName("SearchAuditEvents").WithSummary("The tenant's audit events, newest first, filtered, a page at a time.")
            .AddEndpointFilter<TenantKeyOnly>().WithTags("Audit")
            .Produces<AuditEventPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/audit-events.csv", async (ISender sender, [AsParameters] AuditQuery q, CancellationToken ct) =>
                Export(await sender.Send(new ExportTenantAuditEventsQuery(Filter(q, tenant: null)), ct)))
            .WithName("ExportAuditEvents").WithSummary("Every audit event of the filter as CSV, streamed.")
            .AddEndpointFilter<TenantKeyOnly>().WithTags("Audit")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static void MapApiKeys(RouteGroupBuilder keys)
    {
        keys.MapGet("/", async (ISender sender, CancellationToken ct) => ApiResults.Ok(await sender.Send(new ListApiKeysQuery(), ct)))
            .WithName("ListApiKeys").WithSummary("The tenant's API keys; never their secrets.")
            .Produces<IReadOnlyList<ApiKeyDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapGet("/{id:guid}", async (HttpContext http, ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Tagged(http, await sender.Send(new GetApiKeyQuery(id), ct)))
            .WithName("GetApiKey").WithSummary("One of the tenant's API keys; never its secret.")
            .Produces<ApiKeyDto>().Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapPost("/", async (HttpContext http, ISender sender, CreateApiKeyRequest body, CancellationToken ct) =>
            {
                var result = await sender.Send(new CreateApiKeyCommand(body.Name ?? string.Empty, body.Scopes ?? [], body.ExpiresInDays ?? 0), ct);
                http.Response.Headers.CacheControl = "no-store";
                return ApiResults.Created(result, k => $"{Prefix}/api-keys/{k.Id}", k => k);
            })
            .WithName("CreateApiKey")
            .WithSummary("A new key with some of your own permissions. Its plaintext is in this response only: a retry with the same "
                + "Idempotency-Key answers the key as GET /api-keys/{id} does. A key made by a key expires no later than it "
                + "and is revoked with it.")
            .WithMetadata(new SecretBearing(nameof(CreatedApiKeyDto.Plaintext)) { Reread = ReplayCreatedKeyAsync })
            .Produces<CreatedApiKeyDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapDelete("/{id:guid}", async (ISender sender, Guid id, CancellationToken ct) => ApiResults.NoContent(await sender.Send(new RevokeApiKeyCommand(id), ct)))
            .WithName("RevokeApiKey").WithSummary("Revokes a key. Other instances stop accepting it within ApiKeys:CacheDuration.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static void MapPlatform(RouteGroupBuilder platform)
    {
        platform.MapGet("/connections", async (ISender sender, ConnectionStatus? status, string? tenant, string? provider, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ListPlatformConnectionsQuery(status, tenant, provider), ct)))
            .WithName("ListPlatformConnections").WithSummary("Every tenant's connections, filtered by status, tenant slug and provider. Platform keys.")
            .Produces<IReadOnlyList<PlatformConnectionDto>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        platform.MapPost("/connections/{id:guid}/complete-configuration", async (ISender sender, Guid id, NoteRequest? body, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new CompleteConfigurationCommand(id, body?.Note), ct), s => new ConnectionStatusResponse(s)))
            .WithName("CompleteConfiguration").WithSummary("Marks a pending connection configured. PlatformAdmin keys.")
            .Produces<ConnectionStatusResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);

        platform.MapPost("/connections/{id:guid}/suspend", async (ISender sender, Guid id, ReasonRequest? body, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new SuspendConnectionCommand(id, body?.Reason), ct), s => new ConnectionStatusResponse(s)))
            .WithName("SuspendConnection").WithSummary("Suspends a connection. PlatformAdmin keys.")
            .Produces<ConnectionStatusResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);

        platform.MapPost("/connections/{id:guid}/resume", async (ISender sender, Guid id, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new ResumeConnectionCommand(id), ct), s => new ConnectionStatusResponse(s)))
            .WithName("ResumeConnection").WithSummary("Resumes a suspended connection. PlatformAdmin keys.")
            .Produces<ConnectionStatusResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status403Forbidden);

        platform.MapGet("/tenants", async (ISender sender, CancellationToken ct) => ApiResults.Ok(await sender.Send(new ListTenantsQuery(), ct)))
            .WithName("ListTenants").WithSummary("Every tenant with its member count. Platform keys.")
            .Produces<IReadOnlyList<TenantDto>>().ProducesProblem(StatusCodes.Status403Forbidden);

        platform.MapPost("/tenants", async (HttpContext http, ISender sender, CreateTenantRequest body, CancellationToken ct) =>
            {
                var result = await sender.Send(new CreateTenantCommand(body.Name ?? string.Empty, body.Slug ?? string.Empty, body.AdminEmail ?? string.Empty), ct);
                http.Response.Headers.CacheControl = "no-store";
                return ApiResults.Created(result, t => $"{Prefix}/platform/tenants", t => t);
            })
            .WithName("CreateTenant").WithSummary("A tenant, and an invitation emailed to its first admin. PlatformAdmin keys.")
            .Produces<CreatedTenantDto>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        platform.MapGet("/audit-events", async (ISender sender, string? tenant, [AsParameters] AuditQuery q, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new SearchAuditEventsQuery(Filter(q, tenant), q.Cursor, q.Limit ?? 50), ct)))
            .WithName("SearchPlatformAuditEvents").WithSummary("Every tenant's audit events and the platform's. Platform keys.")
            .Produces<AuditEventPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        platform.MapGet("/audit-events.csv", async (ISender sender, string? tenant, [AsParameters] AuditQuery q, CancellationToken ct) =>
                Export(await sender.Send(new ExportAuditEventsQuery(Filter(q, tenant)), ct)))
            .WithName("ExportPlatformAuditEvents").WithSummary("Every audit event of the filter as CSV, streamed. Platform keys.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);

        platform.MapGet("/audit-events/verify", async (ISender sender, string? tenant, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new VerifyAuditChainQuery(null, tenant), ct)))
            .WithName("VerifyAuditChain").WithSummary("Verifies a tenant's audit chain (?tenant=slug) or the platform chain.")
            .Produces<AuditChainVerificationDto>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    /// <summary>A replayed key creation: the key as its GET shows it now, to a caller who may still manage keys.</summary>
    private static async Task<IResult> ReplayCreatedKeyAsync(HttpContext http, Guid id)
    {
        ApiTenantFilter.Apply(http);
        var key = await http.RequestServices.GetRequiredService<ISender>().Send(new GetApiKeyQuery(id), http.RequestAborted);
        return ApiResults.Created(key, k => $"{Prefix}/api-keys/{k.Id}", k => k);
    }

    private static AuditEventFilter Filter(AuditQuery q, string? tenant) => new(tenant, q.Actor, q.Action, q.Target, q.Outcome, q.From, q.To);

    private static IResult Export(Application.Common.Results.Result<AuditExport> export) =>
        export.IsSuccess
            ? StreamedCsv(export.Value.FileName, export.Value.Events)
            : ApiProblems.From(export.Error!);

    /// <summary>The export written to the response as it is read.</summary>
    private static StreamedFileResult StreamedCsv(string fileName, IAsyncEnumerable<AuditEventDto> events) =>
        new(fileName, "text/csv; charset=utf-8", (body, ct) => AuditCsv.WriteAsync(body, events, ct));
}
