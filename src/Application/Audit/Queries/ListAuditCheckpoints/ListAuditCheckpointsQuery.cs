using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.ListAuditCheckpoints;

/// <summary>Every chain's checkpoints, or one tenant's (<see cref="Tenant"/>, a slug), for Natero staff.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record ListAuditCheckpointsQuery(
    string? Tenant = null,
    string? Cursor = null,
    int PageSize = AuditEventSearch.DefaultPageSize
) : IQuery<Result<AuditCheckpointPage>>;

public sealed class ListAuditCheckpointsQueryValidator : AbstractValidator<ListAuditCheckpointsQuery>
{
    public ListAuditCheckpointsQueryValidator()
    {
        RuleFor(q => q.Cursor).ValidAuditCursor();
        RuleFor(q => q.PageSize).InclusiveBetween(1, AuditEventSearch.MaxPageSize);
    }
}

public sealed class ListAuditCheckpointsQueryHandler(IApplicationDbContext db, ITenantContext tenant)
    : IQueryHandler<ListAuditCheckpointsQuery, Result<AuditCheckpointPage>>,
        IQueryHandler<ListTenantAuditCheckpointsQuery, Result<AuditCheckpointPage>>
{
    public async ValueTask<Result<AuditCheckpointPage>> Handle(ListAuditCheckpointsQuery query, CancellationToken cancellationToken)
    {
        var checkpoints = db.AuditCheckpoints.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Tenant))
        {
            var tenantId = await AuditEventSearch.TenantIdOfAsync(db, query.Tenant, cancellationToken);
            if (tenantId is null)
            {
                return Error.NotFound($"Tenant '{query.Tenant.Trim().ToLowerInvariant()}'");
            }

            checkpoints = checkpoints.Where(c => c.TenantId == tenantId);
        }

        return await PageAsync(checkpoints, query.Cursor, query.PageSize, cancellationToken);
    }

    public async ValueTask<Result<AuditCheckpointPage>> Handle(ListTenantAuditCheckpointsQuery query, CancellationToken cancellationToken)
    {
        var chain = AuditChain.KeyFor(tenant.TenantId!.Value);
        return await PageAsync(
            db.AuditCheckpoints.AsNoTracking().Where(c => c.ChainKey == chain),
            query.Cursor,
            query.PageSize,
            cancellationToken
        );
    }

    /// <summary>Newest first by (created at, id), the audit list's order, with its cursor.</summary>
    private static async Task<AuditCheckpointPage> PageAsync(
        IQueryable<AuditCheckpoint> checkpoints,
        string? cursorText,
        int pageSize,
        CancellationToken cancellationToken
    )
    {
        if (AuditCursor.TryParse(cursorText, out var cursor))
        {
            var (at, id) = (cursor.Value.OccurredAt, cursor.Value.Id);
            checkpoints = checkpoints.Where(c => c.CreatedAt <= at && (c.CreatedAt < at || (c.CreatedAt == at && c.Id < id)));
        }

        // One more than a page tells whether another page follows.
        var rows = await checkpoints
            .OrderByDescending(c => c.CreatedAt)
            .ThenByDescending(c => c.Id)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var page = rows.Take(pageSize).Select(AuditCheckpointer.ToDto).ToList();
        var next = rows.Count > pageSize ? new AuditCursor(page[^1].CreatedAt, page[^1].Id).ToString() : null;
        return new AuditCheckpointPage(page, next);
    }
}
