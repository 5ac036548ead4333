using Mediator;
using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Audit;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.Audit;

/// <summary>This tenant's audit events, for members who may view its audit log.</summary>
[Authorize(Policy = Permissions.Audit.View)]
public sealed class IndexModel(ISender sender) : AuditLogPageModel(sender)
{
    public override bool IsPlatform => false;

    public override string BasePath => Url.Natero($"/t/{RouteData.Values["tenant"]}/settings/audit");

    protected override IQuery<Result<AuditEventPage>> Search(AuditEventFilter filter, string? cursor) =>
        new SearchTenantAuditEventsQuery(filter, cursor);

    protected override IQuery<Result<AuditExport>> Export(AuditEventFilter filter) => new ExportTenantAuditEventsQuery(filter);

    protected override IQuery<Result<AuditChainVerificationDto>> VerifyChain() => new VerifyTenantAuditChainQuery();
}
