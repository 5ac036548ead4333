using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.ApiKeys.Queries.GetApiKey;

/// <summary>One of the current tenant's keys, never its secret; another tenant's key is "not found".</summary>
[RequirePermission(Permissions.ApiKeys.Manage)]
public sealed record GetApiKeyQuery(Guid Id) : IQuery<Result<ApiKeyDto>>, ITenantRequest;

public sealed class GetApiKeyQueryHandler(IApplicationDbContext db, ITenantContext tenant, IUserDirectory users, TimeProvider time)
    : IQueryHandler<GetApiKeyQuery, Result<ApiKeyDto>>
{
    public async ValueTask<Result<ApiKeyDto>> Handle(GetApiKeyQuery query, CancellationToken cancellationToken)
    {
        var key = await db
            .ApiKeys.AsNoTracking()
            .SingleOrDefaultAsync(k => k.Id == query.Id && k.TenantId == tenant.TenantId, cancellationToken);
        if (key is null)
        {
            return Error.NotFound("API key");
        }

        var creator = (await users.GetByIdsAsync([key.CreatedByUserId], cancellationToken)).GetValueOrDefault(key.CreatedByUserId);
        return key.ToDto(creator?.Email, time.GetUtcNow());
    }
}
