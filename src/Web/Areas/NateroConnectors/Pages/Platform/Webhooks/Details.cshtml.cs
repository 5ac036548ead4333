using Mediator;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Webhooks;

namespace Natero.Connectors.Web.Pages.Platform.Webhooks;

/// <summary>One platform endpoint, with its delivery log.</summary>
public sealed class DetailsModel(ISender sender) : WebhookPageModel(sender)
{
    public override bool CanAct => User.IsInRole(PlatformRoles.PlatformAdmin);

    public override string ListPath => Url.Natero("/platform/webhooks");

    protected override WebhookRequests Requests => WebhookRequests.Platform;
}
