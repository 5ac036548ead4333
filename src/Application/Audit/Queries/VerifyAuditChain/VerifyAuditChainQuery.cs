using Mediator;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;

/// <summary>
/// Walks one tenant's audit chain (or the platform chain when <see cref="TenantId"/> is null) and names the first broken link.
/// </summary>
[RequirePlatformRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)]
/// <remarks><see cref="TenantSlug"/> names the tenant instead of its id; neither means the platform chain.</remarks>
public sealed record VerifyAuditChainQuery(Guid? TenantId, string? TenantSlug = null) : IQuery<Result<AuditChainVerificationDto>>;

public sealed class VerifyAuditChainQueryHandler(IApplicationDbContext db, ITenantContext tenant)
    : IQueryHandler<VerifyAuditChainQuery, Result<AuditChainVerificationDto>>,
        IQueryHandler<VerifyTenantAuditChainQuery, Result<AuditChainVerificationDto>>
{
    public async ValueTask<Result<AuditChainVerificationDto>> Handle(VerifyAuditChainQuery query, CancellationToken cancellationToken)
    {
        var tenantId = query.TenantId;
        if (tenantId is null && !string.IsNullOrWhiteSpace(query.TenantSlug))
        {
            tenantId = await AuditEventSearch.TenantIdOfAsync(db, query.TenantSlug, cancellationToken);
            if (tenantId is null)
            {
                return Error.NotFound($"Tenant '{query.TenantSlug.Trim().ToLowerInvariant()}'");
            }
        }

        return await AuditChainVerifier.VerifyAsync(db, AuditChain.KeyFor(tenantId), cancellationToken);
    }

    public async ValueTask<Result<AuditChainVerificationDto>> Handle(
        VerifyTenantAuditChainQuery query,
        CancellationToken cancellationToken
    ) => await AuditChainVerifier.VerifyAsync(db, AuditChain.KeyFor(tenant.TenantId!.Value), cancellationToken);
}
