using Mediator;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Webhooks;

namespace Natero.Connectors.Web.Pages.Platform.Webhooks;

/// <summary>The platform's webhook endpoints, which receive every tenant's events: admins change them, auditors look.</summary>
public sealed class IndexModel(ISender sender) : WebhooksPageModel(sender)
{
    public override bool CanAct => User.IsInRole(PlatformRoles.PlatformAdmin);

    public override string BasePath => Url.Natero("/platform/webhooks");

    protected override WebhookRequests Requests => WebhookRequests.Platform;
}
