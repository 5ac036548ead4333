using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

/// <summary>One page of events, newest first, and the cursor of the next page (null on the last).</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEventDto> Events, string? NextCursor);

/// <summary>Every tenant's events and the platform's, for Natero staff.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record SearchAuditEventsQuery(AuditEventFilter Filter, string? Cursor = null, int PageSize = AuditEventSearch.DefaultPageSize)
    : IQuery<Result<AuditEventPage>>,
        IAuditSearch;

/// <summary>The current tenant's events, for members who may view its audit log.</summary>
[RequirePermission(Permissions.Audit.View)]
public sealed record SearchTenantAuditEventsQuery(
    AuditEventFilter Filter,
    string? Cursor = null,
    int PageSize = AuditEventSearch.DefaultPageSize
) : IQuery<Result<AuditEventPage>>, ITenantRequest, IAuditSearch;

public abstract class AuditSearchValidator<T> : AbstractValidator<T>
    where T : IAuditSearch
{
    protected AuditSearchValidator()
    {
        RuleFor(q => q.Filter).NotNull().SetValidator(new AuditEventFilterValidator());
        RuleFor(q => q.Cursor).ValidAuditCursor();
        RuleFor(q => q.PageSize).InclusiveBetween(1, AuditEventSearch.MaxPageSize);
    }
}

public sealed class SearchAuditEventsQueryValidator : AuditSearchValidator<SearchAuditEventsQuery>;

public sealed class SearchTenantAuditEventsQueryValidator : AuditSearchValidator<SearchTenantAuditEventsQuery>;

internal static class AuditCursorRules
{
    public static IRuleBuilderOptions<T, string?> ValidAuditCursor<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => c is null || AuditCursor.TryParse(c, out _))
            .WithMessage("This page link is not valid any more. Start again from the first page.");
}

public sealed class SearchAuditEventsQueryHandler(IApplicationDbContext db, ITenantContext tenant)
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
        return new AuditEventPage(rows.Count > pageSize ? rows[..pageSize] : rows, next);
    }
}
