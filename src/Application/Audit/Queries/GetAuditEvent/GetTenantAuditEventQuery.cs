using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.GetAuditEvent;

/// <summary>One event of the current tenant; another tenant's event is "not found".</summary>
[RequirePermission(Permissions.Audit.View)]
public sealed record GetTenantAuditEventQuery(Guid EventId) : IQuery<Result<AuditEventDto>>, ITenantRequest;
