using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Application.Audit;

public static class AuditEventProjections
{
    /// <summary>Adds each event's tenant slug. A left join, so platform events (no tenant) stay.</summary>
    public static IQueryable<AuditEventDto> WithTenantSlugs(this IQueryable<AuditEvent> events, IApplicationDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from e in events
            join t in db.Tenants on e.TenantId equals t.Id into tenants
            from t in tenants.DefaultIfEmpty()
            select new AuditEventDto(
                e.Id,
                e.OccurredAt,
                e.TenantId,
                t == null ? null : t.Slug,
                e.ActorType,
                e.ActorId,
                e.ActorName,
                e.Action,
                e.Target,
                e.Outcome,
                e.Reason,
                e.IpAddress,
                e.UserAgent,
                e.CorrelationId,
                e.Data,
                e.ChainKey,
                e.Seq,
                e.PrevHash,
                e.Hash
            );
    }
}
