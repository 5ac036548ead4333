using Natero.Connectors.Application.Connections.Queries.GetConnections;

namespace Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;

/// <summary>
/// A connection and a page of its history, newest first. <see cref="OlderThan"/>: ask again with it as the
/// <c>Before</c> of the query for the older entries; null when there are none.
/// </summary>
public sealed record ConnectionHistoryDto(
    ConnectionDto Connection,
    string TenantSlug,
    string TenantName,
    IReadOnlyList<ConnectionHistoryEntryDto> Entries,
    DateTimeOffset? OlderThan
);
