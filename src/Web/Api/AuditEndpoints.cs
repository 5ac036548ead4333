using Mediator;
using Microsoft.AspNetCore.Mvc;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Api;

/// <summary>
/// <c>/api/v1/audit-events</c> (the tenant's, for tenant keys) and <c>/api/v1/platform/audit-events</c>
/// (every tenant's and the platform's, for platform keys): search, CSV export and chain verification.
/// </summary>
internal static class AuditEndpoints
{
    public static void MapTenantAudit(RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", async (ISender sender, [AsParameters] AuditQuery q, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new SearchTenantAuditEventsQuery(Filter(q, tenant: null), q.Cursor, q.Limit ?? 50), ct))
            )
            .WithName("SearchAuditEvents")
            .WithSummary("The tenant's audit events, newest first, filtered, a page at a time.")
            .AddEndpointFilter<TenantKeyOnly>()
            .WithTags("Audit")
            .Produces<AuditEventPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet(
                "/audit-events.csv",
                async (ISender sender, [FromServices] IAuditCsvWriter csv, [AsParameters] AuditQuery q, CancellationToken ct) =>
                    Export(csv, await sender.Send(new ExportTenantAuditEventsQuery(Filter(q, tenant: null)), ct))
            )
            .WithName("ExportAuditEvents")
            .WithSummary("Every audit event of the filter as CSV, streamed.")
            .AddEndpointFilter<TenantKeyOnly>()
            .WithTags("Audit")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    public static void MapPlatformAudit(RouteGroupBuilder platform)
    {
        platform
            .MapGet("/audit-events", async (ISender sender, string? tenant, [AsParameters] AuditQuery q, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new SearchAuditEventsQuery(Filter(q, tenant), q.Cursor, q.Limit ?? 50), ct))
            )
            .WithName("SearchPlatformAuditEvents")
            .WithSummary("Every tenant's audit events and the platform's. Platform keys.")
            .Produces<AuditEventPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        platform
            .MapGet(
                "/audit-events.csv",
                async (
                    ISender sender,
                    [FromServices] IAuditCsvWriter csv,
                    string? tenant,
                    [AsParameters] AuditQuery q,
                    CancellationToken ct
                ) => Export(csv, await sender.Send(new ExportAuditEventsQuery(Filter(q, tenant)), ct))
            )
            .WithName("ExportPlatformAuditEvents")
            .WithSummary("Every audit event of the filter as CSV, streamed. Platform keys.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        platform
            .MapGet("/audit-events/verify", async (ISender sender, string? tenant, CancellationToken ct) =>
                ApiResults.Ok(await sender.Send(new VerifyAuditChainQuery(null, tenant), ct))
            )
            .WithName("VerifyAuditChain")
            .WithSummary("Verifies a tenant's audit chain (?tenant=slug) or the platform chain.")
            .Produces<AuditChainVerificationDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static AuditEventFilter Filter(AuditQuery q, string? tenant) =>
        new(tenant, q.Actor, q.Action, q.Target, q.Outcome, q.From, q.To);

    /// <summary>The export written to the response as it is read.</summary>
    private static IResult Export(IAuditCsvWriter csv, Result<AuditExport> export) =>
        export.IsSuccess
            ? new StreamedFileResult(export.Value.FileName, "text/csv; charset=utf-8", (body, ct) =>
                csv.WriteAsync(body, export.Value.Events, ct)
            )
            : ApiProblems.From(export.Error!);
}
