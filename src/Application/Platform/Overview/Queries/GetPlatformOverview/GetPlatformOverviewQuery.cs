using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Application.Connections;
using Natero.Connectors.Application.Connections.AccessTokens;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Events;

namespace Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;

/// <summary>The platform overview: what platform staff see first. Reads every tenant.</summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
public sealed record GetPlatformOverviewQuery : IQuery<Result<PlatformOverviewDto>>;

public sealed class GetPlatformOverviewQueryHandler(IApplicationDbContext db, TimeProvider time)
    : IQueryHandler<GetPlatformOverviewQuery, Result<PlatformOverviewDto>>
{
    /// <summary>How many days the charts and the API call totals cover, today included.</summary>
    public const int Days = 30;

    /// <summary>Refresh failures are rare; past this many in 30 days the chart shows the newest ones only.</summary>
    private const int RefreshFailureCap = 100_000;

    private static readonly string[] BrokenEventTypes = [EventTypes.ConnectionNeedsReauthorization, EventTypes.ConnectionApiAccessDisabled];

    public async ValueTask<Result<PlatformOverviewDto>> Handle(GetPlatformOverviewQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var firstDay = today.AddDays(1 - Days);

        // Platform handler: counts across tenants on purpose.
        var connections = db.ProviderConnections.IgnoreQueryFilters([TenantFilter.Name]).AsNoTracking();
        var counts = await connections
            .GroupBy(c => new
            {
                c.TenantId,
                c.Provider,
                c.Status,
            })
            .Select(g => new
            {
                g.Key.TenantId,
                g.Key.Provider,
                g.Key.Status,
                Count = g.Count(),
            })
            .ToListAsync(cancellationToken);
        var tenants = await db
            .Tenants.AsNoTracking()
            .Select(t => new
            {
                t.Id,
                t.Slug,
                t.Name,
            })
            .ToListAsync(cancellationToken);
        var calls = await ApiCallsAsync(firstDay, today, cancellationToken);

        var byStatus = PlatformOverviewDto
            .Statuses.Select(s => new StatusCountDto(s, counts.Where(c => c.Status == s).Sum(c => c.Count)))
            .ToList();
        var byProvider = counts
            .GroupBy(c => c.Provider)
            .Select(g => new ProviderCountDto(
                g.Key,
                g.Sum(c => c.Count),
                g.Where(c => ConnectionChange.IsBroken(c.Status)).Sum(c => c.Count)
            ))
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Provider, StringComparer.Ordinal)
            .ToList();
        var tenantRows = tenants
            .Select(t =>
            {
                var mine = counts.Where(c => c.TenantId == t.Id).GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
                var used = calls.GetValueOrDefault(t.Id);
                return new OverviewTenantDto(t.Id, t.Slug, t.Name, mine, used.Days30, used.Today, used.LastUsedAt);
            })
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new PlatformOverviewDto(
            byStatus,
            byProvider,
            tenantRows,
            await BrokenAsync(cancellationToken),
            await DaysAsync(firstDay, today, cancellationToken),
            calls.GetValueOrDefault(Guid.Empty).Days30
        );
    }

    /// <summary>Broken connections, longest broken first: since the event that broke them, else since their last error.</summary>
    private async Task<List<BrokenConnectionDto>> BrokenAsync(CancellationToken cancellationToken)
    {
        var rows = await BrokenConnection.ListAsync(db, cancellationToken);
        var ids = rows.Select(r => (Guid?)r.Id).ToList();
        var breaks = await db
            .OutboundEvents.AsNoTracking()
            .Where(e => e.SubjectId != null && ids.Contains(e.SubjectId) && BrokenEventTypes.Contains(e.Type))
            .Select(e => new { e.SubjectId, e.OccurredAt })
            .ToListAsync(cancellationToken);
        var since = breaks.GroupBy(e => e.SubjectId!.Value).ToDictionary(g => g.Key, g => g.Max(e => e.OccurredAt));
        return
        [
            .. rows.Select(r => new BrokenConnectionDto(
                    r.Id,
                    r.TenantSlug,
                    r.TenantName,
                    r.Provider,
                    r.ExternalOrgId,
                    r.AccountName,
                    r.Status,
                    since.TryGetValue(r.Id, out var at) ? at : r.LastErrorAt,
                    r.LastErrorMessage
                ))
                .OrderBy(b => b.BrokenSince ?? DateTimeOffset.MaxValue)
                .ThenBy(b => b.TenantName, StringComparer.OrdinalIgnoreCase),
        ];
    }

    /// <summary>Every day of the window, oldest first, zero where nothing happened.</summary>
    private async Task<List<OverviewDayDto>> DaysAsync(DateOnly firstDay, DateOnly today, CancellationToken cancellationToken)
    {
        // The day is a stored column, so the count per day is grouped by the database, alike on SQLite and PostgreSQL.
        var checks = await db
            .ConnectionVerifications.IgnoreQueryFilters([TenantFilter.Name])
            .Where(v => v.CheckedOn >= firstDay && v.CheckedOn <= today)
            .GroupBy(v => new { v.CheckedOn, v.Healthy })
            .Select(g => new
            {
                g.Key.CheckedOn,
                g.Key.Healthy,
                Count = g.Count(),
            })
            .ToListAsync(cancellationToken);

        // Failures are few: their times are read and grouped here (SQLite stores times as numbers it cannot group by day).
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var failures = await db
            .AuditEvents.AsNoTracking()
            .Where(e => RefreshAudit.Failures.Contains(e.Action) && e.OccurredAt >= from)
            .OrderByDescending(e => e.OccurredAt)
            .Select(e => e.OccurredAt)
            .Take(RefreshFailureCap)
            .ToListAsync(cancellationToken);
        var failuresByDay = failures.GroupBy(at => DateOnly.FromDateTime(at.UtcDateTime)).ToDictionary(g => g.Key, g => g.Count());

        return
        [
            .. Enumerable
                .Range(0, Days)
                .Select(firstDay.AddDays)
                .Where(day => day <= today)
                .Select(day => new OverviewDayDto(
                    day,
                    checks.Where(c => c.CheckedOn == day && c.Healthy).Sum(c => c.Count),
                    checks.Where(c => c.CheckedOn == day && !c.Healthy).Sum(c => c.Count),
                    failuresByDay.GetValueOrDefault(day)
                )),
        ];
    }

    private async Task<Dictionary<Guid, (long Days30, long Today, DateTimeOffset? LastUsedAt)>> ApiCallsAsync(
        DateOnly firstDay,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var tallies = await db
            .ApiCallTallies.AsNoTracking()
            .Where(t => t.Day >= firstDay && t.Day <= today)
            .Select(t => new
            {
                t.Scope,
                t.Day,
                t.Calls,
            })
            .ToListAsync(cancellationToken);
        var lastUses = await db
            .ApiKeys.IgnoreQueryFilters([TenantFilter.Name])
            .AsNoTracking()
            .Where(k => k.LastUsedAt != null)
            .Select(k => new { k.TenantId, k.LastUsedAt })
            .ToListAsync(cancellationToken);
        var scopes = tallies.Select(t => t.Scope).Concat(lastUses.Select(k => k.TenantId ?? Guid.Empty)).Distinct();
        return scopes.ToDictionary(
            scope => scope,
            scope =>
                (
                    tallies.Where(t => t.Scope == scope).Sum(t => t.Calls),
                    tallies.Where(t => t.Scope == scope && t.Day == today).Sum(t => t.Calls),
                    lastUses.Where(k => (k.TenantId ?? Guid.Empty) == scope).Max(k => k.LastUsedAt)
                )
        );
    }
}
