using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants.Queries.GetMembers;

/// <summary>The current tenant's members with their permissions.</summary>
[RequirePermission(Permissions.Users.Manage)]
public sealed record GetMembersQuery : IQuery<Result<IReadOnlyList<MemberDto>>>, ITenantRequest;

public sealed class GetMembersQueryHandler(IApplicationDbContext db, IUserDirectory users)
    : IQueryHandler<GetMembersQuery, Result<IReadOnlyList<MemberDto>>>
{
    public async ValueTask<Result<IReadOnlyList<MemberDto>>> Handle(GetMembersQuery query, CancellationToken cancellationToken)
    {
        var memberships = await db.Memberships.AsNoTracking().ToListAsync(cancellationToken);
        var people = await users.GetByIdsAsync([.. memberships.Select(m => m.UserId)], cancellationToken);
        var members = memberships
            .Where(m => people.ContainsKey(m.UserId))
            .Select(m => MemberMapper.ToDto(m, people[m.UserId]))
            .OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return members;
    }
}
