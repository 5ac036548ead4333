using Mediator;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Audit.Queries.GetAuditEvent;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Audit;

namespace Natero.Connectors.Web.Pages.Platform.Audit;

public sealed class DetailsModel(ISender sender) : AuditEventPageModel(sender)
{
    public override bool IsPlatform => true;

    public override string LogPath => Url.Natero("/platform/audit");

    protected override IQuery<Result<AuditEventDto>> Get(Guid id) => new GetAuditEventQuery(id);
}
