using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;

namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

/// <summary>
/// Names the targets of a page of events (<c>connection:{id}</c> becomes the account's name), one query per kind of target
/// on the page, never one per row. A tenant's page names only that tenant's records and members; a platform page names
/// any tenant's, as its events are any tenant's.
/// </summary>
internal static class AuditTargetNames
{
    private const int ShortIdLength = 8;

    public static async Task<List<AuditEventDto>> NameAsync(
        IApplicationDbContext db,
        IUserDirectory users,
        AuditScope scope,
        IReadOnlyList<AuditEventDto> events,
        CancellationToken cancellationToken
    )
    {
        var ids = events
            .Select(e => Parse(e.Target))
            .OfType<(string Kind, Guid Id)>()
            .GroupBy(t => t.Kind, t => t.Id)
            .ToDictionary(g => g.Key, g => g.Distinct().ToList());
        var names = new Dictionary<(string, Guid), string>();
        foreach (var (kind, kindIds) in ids)
        {
            foreach (var (id, name) in await NamesOfAsync(db, scope, kind, kindIds, cancellationToken))
            {
                names[(kind, id)] = name;
            }
        }

        await NameMembersAsync(db, users, scope, ids, names, cancellationToken);
        return [.. events.Select(e => e with { TargetName = NameOf(e.Target, names) })];
    }

    /// <summary>"connection:{guid}" as its kind and id; null for a target that names no record ("token-keys").</summary>
    private static (string Kind, Guid Id)? Parse(string? target)
    {
        var colon = target?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && Guid.TryParse(target.AsSpan(colon + 1), out var id) ? (target![..colon], id) : null;
    }

    private static string? NameOf(string? target, Dictionary<(string, Guid), string> names) =>
        Parse(target) switch
        {
            null => target,
            { } t when names.TryGetValue(t, out var name) => name,
            { } t => $"{t.Kind} {t.Id.ToString("N")[..ShortIdLength]}",
        };

    private static async Task<List<(Guid Id, string Name)>> NamesOfAsync(
        IApplicationDbContext db,
        AuditScope scope,
        string kind,
        List<Guid> ids,
        CancellationToken cancellationToken
    )
    {
        var own = scope.TenantId;
        var rows = kind switch
        {
            "connection" => await db
                .ProviderConnections.IgnoreQueryFilters([TenantFilter.Name])
                .Where(c => ids.Contains(c.Id) && (own == null || c.TenantId == own))
                .Select(c => new { c.Id, Name = c.AccountName ?? c.ExternalOrgId })
                .ToListAsync(cancellationToken),
            "api_key" => await db
                .ApiKeys.Where(k => ids.Contains(k.Id) && (own == null || k.TenantId == own))
                .Select(k => new { k.Id, k.Name })
                .ToListAsync(cancellationToken),
            "webhook" => await db
                .WebhookEndpoints.Where(w => ids.Contains(w.Id) && (own == null || w.TenantId == own))
                .Select(w => new { w.Id, Name = w.Description ?? w.Url })
                .ToListAsync(cancellationToken),
            "invitation" => await db
                .Invitations.IgnoreQueryFilters([TenantFilter.Name])
                .Where(i => ids.Contains(i.Id) && (own == null || i.TenantId == own))
                .Select(i => new { i.Id, Name = i.Email })
                .ToListAsync(cancellationToken),
            "tenant" => await db
                .Tenants.Where(t => ids.Contains(t.Id) && (own == null || t.Id == own))
                .Select(t => new { t.Id, t.Name })
                .ToListAsync(cancellationToken),
            _ => [],
        };
        return [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Name)).Select(r => (r.Id, r.Name))];
    }

    /// <summary>
    /// Members and users by their email: one query for the memberships, one for the tenant's members among the users (a
    /// tenant's page names only its own people), and one to the user directory for every email on the page.
    /// </summary>
    private static async Task NameMembersAsync(
        IApplicationDbContext db,
        IUserDirectory users,
        AuditScope scope,
        Dictionary<string, List<Guid>> ids,
        Dictionary<(string, Guid), string> names,
        CancellationToken cancellationToken
    )
    {
        var own = scope.TenantId;
        var membershipIds = ids.GetValueOrDefault("membership") ?? [];
        var userIds = ids.GetValueOrDefault("user") ?? [];
        if (membershipIds.Count == 0 && userIds.Count == 0)
        {
            return;
        }

        var memberships =
            membershipIds.Count == 0
                ? []
                : await db
                    .Memberships.IgnoreQueryFilters([TenantFilter.Name])
                    .Where(m => membershipIds.Contains(m.Id) && (own == null || m.TenantId == own))
                    .Select(m => new { m.Id, m.UserId })
                    .ToListAsync(cancellationToken);
        if (own is { } tenantId && userIds.Count > 0)
        {
            userIds = await db
                .Memberships.IgnoreQueryFilters([TenantFilter.Name])
                .Where(m => m.TenantId == tenantId && userIds.Contains(m.UserId))
                .Select(m => m.UserId)
                .ToListAsync(cancellationToken);
        }

        var people = await users.GetByIdsAsync([.. userIds.Concat(memberships.Select(m => m.UserId)).Distinct()], cancellationToken);
        foreach (var id in userIds.Where(people.ContainsKey))
        {
            names[("user", id)] = people[id].Email;
        }

        foreach (var m in memberships.Where(m => people.ContainsKey(m.UserId)))
        {
            names[("membership", m.Id)] = people[m.UserId].Email;
        }
    }
}
