using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

/// <summary>Every tenant's events and the platform's, for Natero staff.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record SearchAuditEventsQuery(AuditEventFilter Filter, string? Cursor = null, int PageSize = AuditEventSearch.DefaultPageSize)
    : IQuery<Result<AuditEventPage>>,
        IAuditSearch;

public sealed class SearchAuditEventsQueryValidator : AuditSearchValidator<SearchAuditEventsQuery>;

internal static class AuditCursorRules
{
    public static IRuleBuilderOptions<T, string?> ValidAuditCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || AuditCursor.TryParse(c, out _))
            .WithMessage("This page link is not valid any more. Start again from the first page.");
}

public sealed class SearchAuditEventsQueryHandler(IApplicationDbContext db, ITenantContext tenant, IUserDirectory users)
    : IQueryHandler<SearchAuditEventsQuery, Result<AuditEventPage>>,
        IQueryHandler<SearchTenantAuditEventsQuery, Result<AuditEventPage>>
{
    public ValueTask<Result<AuditEventPage>> Handle(SearchAuditEventsQuery query, CancellationToken cancellationToken) =>
        SearchAsync(AuditScope.Platform, query.Filter, query.Cursor, query.PageSize, cancellationToken);

    public ValueTask<Result<AuditEventPage>> Handle(SearchTenantAuditEventsQuery query, CancellationToken cancellationToken) =>
        SearchAsync(AuditScope.OfTenant(tenant.TenantId!.Value), query.Filter, query.Cursor, query.PageSize, cancellationToken);

    private async ValueTask<Result<AuditEventPage>> SearchAsync(
        AuditScope scope,
        AuditEventFilter filter,
        string? cursorText,
        int pageSize,
        CancellationToken cancellationToken
    )
    {
        var events = await AuditEventSearch.FilterAsync(db, scope, filter, cancellationToken);
        if (events is null)
        {
            return new AuditEventPage([], null);
        }

        if (AuditCursor.TryParse(cursorText, out var cursor))
        {
            events = events.After(cursor.Value);
        }

        // One more than a page tells whether another page follows.
        var rows = await events.WithTenantSlugs(db).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = rows.Count > pageSize ? new AuditCursor(rows[pageSize - 1].OccurredAt, rows[pageSize - 1].Id).ToString() : null;
        var named = await AuditTargetNames.NameAsync(db, users, scope, rows.Count > pageSize ? rows[..pageSize] : rows, cancellationToken);
        return new AuditEventPage(named, next);
    }
}
