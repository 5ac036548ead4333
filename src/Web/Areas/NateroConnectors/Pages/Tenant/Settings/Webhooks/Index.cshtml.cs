using Mediator;
using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Webhooks;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.Webhooks;

/// <summary>This tenant's webhook endpoints: where its connection events are sent, signed.</summary>
[Authorize(Policy = Permissions.DataConnectors.Configure)]
public sealed class IndexModel(ISender sender) : WebhooksPageModel(sender)
{
    public override string BasePath => Url.Natero($"/t/{RouteData.Values["tenant"]}/settings/webhooks");

    protected override WebhookRequests Requests => WebhookRequests.Tenant;
}
