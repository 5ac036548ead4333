using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Tenants.SignInPolicy;

[RequirePermission(Permissions.Users.Manage)]
public sealed record GetSignInPolicyQuery : IQuery<Result<SignInPolicyDto>>, ITenantRequest;

public sealed class GetSignInPolicyQueryHandler(IApplicationDbContext db, ITenantContext tenant)
    : IQueryHandler<GetSignInPolicyQuery, Result<SignInPolicyDto>>
{
    public async ValueTask<Result<SignInPolicyDto>> Handle(GetSignInPolicyQuery query, CancellationToken cancellationToken)
    {
        var row = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenant.TenantId, cancellationToken);
        return SignInPolicies.ToDto(row);
    }
}
