using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;

/// <summary>Walks the current tenant's audit chain, for members who may view its audit log.</summary>
[RequirePermission(Permissions.Audit.View)]
public sealed record VerifyTenantAuditChainQuery : IQuery<Result<AuditChainVerificationDto>>, ITenantRequest;
