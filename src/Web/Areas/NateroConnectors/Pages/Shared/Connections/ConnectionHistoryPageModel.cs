using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;
using Natero.Connectors.Application.Connections.Queries.ListProviders;

namespace Natero.Connectors.Web.Pages.Shared.Connections;

/// <summary>A connection's history page: the tenant's and the platform's differ only in the query they send.</summary>
public abstract class ConnectionHistoryPageModel(ISender sender) : PageModel
{
    public ConnectionHistoryView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        var result = await ReadAsync(sender, id, before, cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        var history = result.Value;
        var providers = await sender.Send(new ListProvidersQuery(), cancellationToken);
        var provider = providers.IsSuccess ? providers.Value.FirstOrDefault(p => p.Key == history.Connection.Provider) : null;
        View = new ConnectionHistoryView(
            history,
            provider?.DisplayName ?? history.Connection.Provider,
            provider?.AccountNoun ?? "account",
            HttpContext.Request.PathBase + HttpContext.Request.Path,
            before
        );
        return Page();
    }

    protected abstract ValueTask<Result<ConnectionHistoryDto>> ReadAsync(
        ISender sender,
        Guid id,
        DateTimeOffset? before,
        CancellationToken cancellationToken
    );
}
