using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;

/// <summary>Exports any tenant's events (or all of them), for Natero staff.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record ExportAuditEventsQuery(AuditEventFilter Filter) : IQuery<Result<AuditExport>>;

public sealed class ExportAuditEventsQueryValidator : AbstractValidator<ExportAuditEventsQuery>
{
    public ExportAuditEventsQueryValidator() => RuleFor(q => q.Filter).NotNull().SetValidator(new AuditEventFilterValidator());
}

public sealed class ExportAuditEventsQueryHandler(IApplicationDbContext db, ITenantContext tenant, IAuditTrail audit, TimeProvider time)
    : IQueryHandler<ExportAuditEventsQuery, Result<AuditExport>>,
        IQueryHandler<ExportTenantAuditEventsQuery, Result<AuditExport>>
{
    public ValueTask<Result<AuditExport>> Handle(ExportAuditEventsQuery query, CancellationToken cancellationToken) =>
        ExportAsync(AuditScope.Platform, query.Filter, "natero", cancellationToken);

    public ValueTask<Result<AuditExport>> Handle(ExportTenantAuditEventsQuery query, CancellationToken cancellationToken) =>
        ExportAsync(
            AuditScope.OfTenant(tenant.TenantId!.Value),
            query.Filter with
            {
                Tenant = null,
            },
            tenant.TenantSlug ?? "tenant",
            cancellationToken
        );

    private async ValueTask<Result<AuditExport>> ExportAsync(
        AuditScope scope,
        AuditEventFilter filter,
        string name,
        CancellationToken cancellationToken
    )
    {
        // Reading the audit log in bulk is itself worth a record: who took a copy, and of what.
        audit.Record("audit.exported", null, AuditOutcome.Success, tenantId: scope.TenantId, data: Describe(filter));
        await db.SaveChangesAsync(cancellationToken);

        var events = await AuditEventSearch.FilterAsync(db, scope, filter, cancellationToken);
        var rows = events is null ? Empty() : events.WithTenantSlugs(db).AsAsyncEnumerable();
        return new AuditExport($"{name}-audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv", rows);
    }

    private static Dictionary<string, string?> Describe(AuditEventFilter f) =>
        new()
        {
            ["tenant"] = f.Tenant,
            ["actor"] = f.Actor,
            ["action"] = f.Action,
            ["target"] = f.Target,
            ["outcome"] = f.Outcome?.ToString(),
            ["from"] = f.From?.ToString("O"),
            ["to"] = f.To?.ToString("O"),
        };

    private static async IAsyncEnumerable<AuditEventDto> Empty()
    {
        await Task.CompletedTask;
        yield break;
    }
}
