using Mediator;
using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Webhooks;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.Webhooks;

/// <summary>One of this tenant's endpoints, with its delivery log.</summary>
[Authorize(Policy = Permissions.DataConnectors.Configure)]
public sealed class DetailsModel(ISender sender) : WebhookPageModel(sender)
{
    public override string ListPath => Url.Natero($"/t/{RouteData.Values["tenant"]}/settings/webhooks");

    protected override WebhookRequests Requests => WebhookRequests.Tenant;
}
