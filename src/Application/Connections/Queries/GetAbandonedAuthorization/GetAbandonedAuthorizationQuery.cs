using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Connections.Queries.GetAbandonedAuthorization;

/// <summary>
/// The current person's latest authorization in this tenant, when it was started and never came back (within the
/// last day): a provider may stop on its own error page and never call back, so the page says what to fix next.
/// </summary>
[RequirePermission(Permissions.DataConnectors.View)]
public sealed record GetAbandonedAuthorizationQuery : IQuery<Result<AbandonedAuthorizationDto?>>, ITenantRequest;

public sealed class GetAbandonedAuthorizationQueryHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : IQueryHandler<GetAbandonedAuthorizationQuery, Result<AbandonedAuthorizationDto?>>
{
    /// <summary>How long after an attempt its silence still deserves a word; older ones are history.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromDays(1);

    public async ValueTask<Result<AbandonedAuthorizationDto?>> Handle(
        GetAbandonedAuthorizationQuery query,
        CancellationToken cancellationToken
    )
    {
        if (user.UserId is not { } userId)
        {
            return (AbandonedAuthorizationDto?)null;
        }

        var since = time.GetUtcNow() - Remembered;
        var latest = await db
            .PendingAuthorizations.AsNoTracking()
            .Where(p => p.UserId == userId && p.CreatedAt >= since)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new
            {
                p.Provider,
                p.CreatedAt,
                p.ConsumedAt,
            })
            .FirstOrDefaultAsync(cancellationToken);
        return latest is { ConsumedAt: null }
            ? new AbandonedAuthorizationDto(latest.Provider, latest.CreatedAt)
            : (AbandonedAuthorizationDto?)null;
    }
}
