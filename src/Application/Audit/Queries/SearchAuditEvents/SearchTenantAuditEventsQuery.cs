using Mediator;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

/// <summary>The current tenant's events, for members who may view its audit log.</summary>
[RequirePermission(Permissions.Audit.View)]
public sealed record SearchTenantAuditEventsQuery(
    AuditEventFilter Filter,
    string? Cursor = null,
    int PageSize = AuditEventSearch.DefaultPageSize
) : IQuery<Result<AuditEventPage>>, ITenantRequest, IAuditSearch;

public sealed class SearchTenantAuditEventsQueryValidator : AuditSearchValidator<SearchTenantAuditEventsQuery>;
