using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.ListAuditCheckpoints;

/// <summary>The checkpoints of the current tenant's chain, for members who may view its audit log.</summary>
[RequirePermission(Permissions.Audit.View)]
public sealed record ListTenantAuditCheckpointsQuery(string? Cursor = null, int PageSize = AuditEventSearch.DefaultPageSize)
    : IQuery<Result<AuditCheckpointPage>>,
        ITenantRequest;

public sealed class ListTenantAuditCheckpointsQueryValidator : AbstractValidator<ListTenantAuditCheckpointsQuery>
{
    public ListTenantAuditCheckpointsQueryValidator()
    {
        RuleFor(q => q.Cursor).ValidAuditCursor();
        RuleFor(q => q.PageSize).InclusiveBetween(1, AuditEventSearch.MaxPageSize);
    }
}
