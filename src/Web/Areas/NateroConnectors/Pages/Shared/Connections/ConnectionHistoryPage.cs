using Mediator;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;
using Natero.Connectors.Application.Connections.Queries.ListProviders;

namespace Natero.Connectors.Web.Pages.Shared.Connections;

/// <summary>What the tenant's and the platform's history pages do alike once they have the history.</summary>
internal static class ConnectionHistoryPage
{
    public static async Task<ConnectionHistoryView> ViewAsync(
        ISender sender,
        ConnectionHistoryDto history,
        string pagePath,
        DateTimeOffset? before,
        CancellationToken cancellationToken
    )
    {
        var providers = await sender.Send(new ListProvidersQuery(), cancellationToken);
        var provider = providers.IsSuccess ? providers.Value.FirstOrDefault(p => p.Key == history.Connection.Provider) : null;
        return new ConnectionHistoryView(
            history,
            provider?.DisplayName ?? history.Connection.Provider,
            provider?.AccountNoun ?? "account",
            pagePath,
            before
        );
    }
}
