using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

/// <summary>Whose events a search may see: one tenant's, or (platform staff) everyone's.</summary>
internal readonly record struct AuditScope(Guid? TenantId)
{
    public static AuditScope Platform => new(null);

    public static AuditScope OfTenant(Guid tenantId) => new(tenantId);
}

/// <summary>
/// The one place audit searches are built, shared by the pages' search, the detail view and the
/// export, so that an export holds exactly the events the search showed. Ordered newest first by
/// (occurred at, id), which the (tenant, occurred at, id), (action, occurred at, id) and
/// (occurred at, id) indexes serve without sorting.
/// </summary>
internal static class AuditEventSearch
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>The filtered events newest first, or null when the filter names a tenant that does not exist.</summary>
    public static async Task<IQueryable<AuditEvent>?> FilterAsync(
        IApplicationDbContext db,
        AuditScope scope,
        AuditEventFilter filter,
        CancellationToken cancellationToken
    )
    {
        var events = db.AuditEvents.AsNoTracking();
        if (scope.TenantId is { } own)
        {
            events = events.Where(e => e.TenantId == own);
        }
        else if (!string.IsNullOrWhiteSpace(filter.Tenant))
        {
            var tenantId = await TenantIdOfAsync(db, filter.Tenant, cancellationToken);
            if (tenantId is null)
            {
                return null;
            }

            events = events.Where(e => e.TenantId == tenantId);
        }

        if (Trimmed(filter.Actor) is { } actor)
        {
            events = events.Where(e => e.ActorName == actor || e.ActorId == actor);
        }

        // A prefix is matched twice: LIKE, which an index may serve, and an exact comparison of the
        // first characters, because SQLite's LIKE ignores case and every other match here does not.
        if (Trimmed(filter.Action) is { } action)
        {
            var prefix = action.TrimEnd('*');
            events = action.EndsWith('*')
                ? events.Where(e => e.Action.StartsWith(prefix) && e.Action.Substring(0, prefix.Length) == prefix)
                : events.Where(e => e.Action == action);
        }

        if (Trimmed(filter.Target) is { } target)
        {
            var prefix = target.TrimEnd('*');
            events = target.EndsWith('*')
                ? events.Where(e => e.Target != null && e.Target.StartsWith(prefix) && e.Target.Substring(0, prefix.Length) == prefix)
                : events.Where(e => e.Target == target);
        }

        if (filter.Outcome is { } outcome)
        {
            events = events.Where(e => e.Outcome == outcome);
        }

        // Stored times are UTC; a bound given in another offset means the same instant.
        if (filter.From?.ToUniversalTime() is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }

        if (filter.To?.ToUniversalTime() is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }

        return events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id);
    }

    /// <summary>The id of the tenant a platform search or verification names by slug, or null when none has it.</summary>
    public static Task<Guid?> TenantIdOfAsync(IApplicationDbContext db, string slug, CancellationToken cancellationToken)
    {
        var normalised = slug.Trim().ToLowerInvariant();
        return db.Tenants.AsNoTracking().Where(t => t.Slug == normalised).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Everything strictly older than the cursor, in the same order.</summary>
    public static IQueryable<AuditEvent> After(this IQueryable<AuditEvent> events, AuditCursor cursor)
    {
        var (at, id) = (cursor.OccurredAt, cursor.Id);

        // The first condition follows from the second, but only it lets the database start its index
        // scan at the cursor instead of reading and discarding every newer event: page 1,000 costs page 1.
        return events.Where(e => e.OccurredAt <= at && (e.OccurredAt < at || (e.OccurredAt == at && e.Id < id)));
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
