using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Pages.Shared.Connections;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.ItAdministration;

/// <summary>One of the tenant's connections and its history; another tenant's connection is not found.</summary>
[Authorize(Policy = Permissions.DataConnectors.View)]
public sealed class ConnectionHistoryModel(ISender sender) : PageModel
{
    public ConnectionHistoryView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetConnectionHistoryQuery(id, before), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        View = await ConnectionHistoryPage.ViewAsync(
            sender,
            result.Value,
            HttpContext.Request.PathBase + HttpContext.Request.Path,
            before,
            cancellationToken
        );
        return Page();
    }
}
