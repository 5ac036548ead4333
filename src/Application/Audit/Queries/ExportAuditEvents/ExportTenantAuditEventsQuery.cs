using FluentValidation;
using Mediator;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;

/// <summary>Exports the current tenant's events.</summary>
[RequirePermission(Permissions.Audit.View)]
public sealed record ExportTenantAuditEventsQuery(AuditEventFilter Filter) : IQuery<Result<AuditExport>>, ITenantRequest;

public sealed class ExportTenantAuditEventsQueryValidator : AbstractValidator<ExportTenantAuditEventsQuery>
{
    public ExportTenantAuditEventsQueryValidator() => RuleFor(q => q.Filter).NotNull().SetValidator(new AuditEventFilterValidator());
}
