using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Connections.Queries.GetConnections;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;

/// <summary>
/// Reads a connection's history from the audit trail (its state changes, refreshes and their failures, requests)
/// and its check records, merged newest first, a page at a time. The tenant page and the platform page differ only
/// in the rows they may see, which they pass in.
/// </summary>
internal static class ConnectionHistory
{
    public const int PageSize = 50;

    /// <summary>Entries beyond a page read from each source, so that a page never ends inside one instant.</summary>
    private const int Slack = 20;

    /// <summary>Credential reads are in the audit log; they say nothing of the connection's health.</summary>
    private static readonly string[] Omitted = ["connection.access_token_read"];

    public static async Task<ConnectionHistoryDto?> ReadAsync(
        IQueryable<ProviderConnection> connections,
        IQueryable<Tenant> tenants,
        IQueryable<AuditEvent> audit,
        IQueryable<ConnectionVerification> checks,
        Guid connectionId,
        DateTimeOffset? before,
        CancellationToken cancellationToken
    )
    {
        var connection = await connections
            .AsNoTracking()
            .Where(c => c.Id == connectionId)
            .ProjectToDto()
            .SingleOrDefaultAsync(cancellationToken);
        if (connection is null)
        {
            return null;
        }

        var tenantId = await connections.Where(c => c.Id == connectionId).Select(c => c.TenantId).SingleAsync(cancellationToken);
        var tenant = await tenants
            .AsNoTracking()
            .Where(t => t.Id == tenantId)
            .Select(t => new { t.Slug, t.Name })
            .SingleAsync(cancellationToken);

        var target = $"connection:{connectionId}";
        var events = audit.AsNoTracking().Where(e => e.TenantId == tenantId && e.Target == target && !Omitted.Contains(e.Action));
        var mine = checks.AsNoTracking().Where(v => v.ConnectionId == connectionId);
        if (before is { } olderThan)
        {
            events = events.Where(e => e.OccurredAt < olderThan);
            mine = mine.Where(v => v.CheckedAt < olderThan);
        }

        const int fetch = PageSize + Slack;
        var fromAudit = await events
            .OrderByDescending(e => e.OccurredAt)
            .Take(fetch)
            .Select(e => new ConnectionHistoryEntryDto(
                e.OccurredAt,
                e.Action,
                e.Outcome != AuditOutcome.Success,
                e.Reason,
                e.ActorName,
                null
            ))
            .ToListAsync(cancellationToken);
        var fromChecks = await mine.OrderByDescending(v => v.CheckedAt)
            .Take(fetch)
            .Select(v => new ConnectionHistoryEntryDto(
                v.CheckedAt,
                ConnectionHistoryEntryDto.Checked,
                !v.Healthy,
                v.Message,
                null,
                v.StatusAfter
            ))
            .ToListAsync(cancellationToken);

        var merged = fromAudit.Concat(fromChecks).OrderByDescending(e => e.At).ToList();
        var (page, more) = Cut(merged, sourceFull: fromAudit.Count == fetch || fromChecks.Count == fetch);
        return new ConnectionHistoryDto(connection, tenant.Slug, tenant.Name, page, more ? page[^1].At : null);
    }

    /// <summary>The first page of <paramref name="merged"/>, extended to the end of its last instant: the next starts before it.</summary>
    private static (List<ConnectionHistoryEntryDto> Page, bool More) Cut(List<ConnectionHistoryEntryDto> merged, bool sourceFull)
    {
        if (merged.Count <= PageSize)
        {
            return (merged, sourceFull);
        }

        var page = merged.Take(PageSize).ToList();
        var last = page[^1].At;
        page.AddRange(merged.Skip(PageSize).TakeWhile(e => e.At == last));
        return (page, merged.Count > page.Count || sourceFull);
    }
}
