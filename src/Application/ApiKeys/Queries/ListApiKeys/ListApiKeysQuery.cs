using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Queries.ListApiKeys;

/// <summary>The current tenant's keys, newest first, revoked and expired ones included.</summary>
[RequirePermission(Permissions.ApiKeys.Manage)]
public sealed record ListApiKeysQuery : IQuery<Result<IReadOnlyList<ApiKeyDto>>>, ITenantRequest;

public sealed class ListApiKeysQueryHandler(IApplicationDbContext db, ITenantContext tenant, IUserDirectory users, TimeProvider time)
    : IQueryHandler<ListApiKeysQuery, Result<IReadOnlyList<ApiKeyDto>>>,
        IQueryHandler<ListPlatformApiKeysQuery, Result<IReadOnlyList<ApiKeyDto>>>
{
    public ValueTask<Result<IReadOnlyList<ApiKeyDto>>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken) =>
        ListAsync(tenant.TenantId, cancellationToken);

    public ValueTask<Result<IReadOnlyList<ApiKeyDto>>> Handle(ListPlatformApiKeysQuery query, CancellationToken cancellationToken) =>
        ListAsync(null, cancellationToken);

    private async ValueTask<Result<IReadOnlyList<ApiKeyDto>>> ListAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        var keys = await db
            .ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId)
            .OrderByDescending(k => k.Id)
            .ToListAsync(cancellationToken);
        var creators = await users.GetByIdsAsync(keys.Select(k => k.CreatedByUserId).Distinct().ToList(), cancellationToken);
        var now = time.GetUtcNow();
        return keys.Select(k => k.ToDto(creators.GetValueOrDefault(k.CreatedByUserId)?.Email, now)).ToList();
    }
}
