using Mediator;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Audit;

namespace Natero.Connectors.Web.Pages.Platform.Audit;

/// <summary>Every tenant's audit events and the platform's, for Natero staff.</summary>
public sealed class IndexModel(ISender sender) : AuditLogPageModel(sender)
{
    public override bool IsPlatform => true;

    public override string BasePath => Url.Natero("/platform/audit");

    protected override IQuery<Result<AuditEventPage>> Search(AuditEventFilter filter, string? cursor) =>
        new SearchAuditEventsQuery(filter, cursor);

    protected override IQuery<Result<AuditExport>> Export(AuditEventFilter filter) => new ExportAuditEventsQuery(filter);

    protected override IQuery<Result<AuditChainVerificationDto>> VerifyChain() => new VerifyAuditChainQuery(null, TenantFilter);
}
