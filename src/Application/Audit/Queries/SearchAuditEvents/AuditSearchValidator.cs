using FluentValidation;

namespace Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;

public abstract class AuditSearchValidator<T> : AbstractValidator<T>
    where T : IAuditSearch
{
    protected AuditSearchValidator()
    {
        RuleFor(q => q.Filter).NotNull().SetValidator(new AuditEventFilterValidator());
        RuleFor(q => q.Cursor).ValidAuditCursor();
        RuleFor(q => q.PageSize).InclusiveBetween(1, AuditEventSearch.MaxPageSize);
    }
}
