using Mediator;
using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Audit.Queries.GetAuditEvent;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Audit;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.Audit;

[Authorize(Policy = Permissions.Audit.View)]
public sealed class DetailsModel(ISender sender) : AuditEventPageModel(sender)
{
    public override bool IsPlatform => false;

    public override string LogPath => Url.Natero($"/t/{RouteData.Values["tenant"]}/settings/audit");

    protected override IQuery<Result<AuditEventDto>> Get(Guid id) => new GetTenantAuditEventQuery(id);
}
