using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Platform.Connections.Queries.GetPlatformConnectionHistory;
using Natero.Connectors.Web.Pages.Shared.Connections;

namespace Natero.Connectors.Web.Pages.Platform;

/// <summary>Any tenant's connection and its history, for Natero staff.</summary>
public sealed class ConnectionHistoryModel(ISender sender) : PageModel
{
    public ConnectionHistoryView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new GetPlatformConnectionHistoryQuery(id, before), cancellationToken);
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
