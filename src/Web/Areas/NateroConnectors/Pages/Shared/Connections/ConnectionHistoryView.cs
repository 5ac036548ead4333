using System.Globalization;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;

namespace Natero.Connectors.Web.Pages.Shared.Connections;

/// <summary>What the history partial shows: the connection, one page of its history, and where the pages are.</summary>
public sealed record ConnectionHistoryView(
    ConnectionHistoryDto History,
    string ProviderName,
    string AccountNoun,
    string PagePath,
    DateTimeOffset? Before
)
{
    /// <summary>This page's link for the entries before <paramref name="before"/>, or for the newest when null.</summary>
    public string OlderLink(DateTimeOffset? before) =>
        before is { } at
            ? $"{PagePath}?before={Uri.EscapeDataString(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}"
            : PagePath;
}
