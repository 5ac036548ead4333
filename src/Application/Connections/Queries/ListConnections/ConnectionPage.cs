using Natero.Connectors.Application.Connections.Queries.GetConnections;

namespace Natero.Connectors.Application.Connections.Queries.ListConnections;

public sealed record ConnectionPage(IReadOnlyList<ConnectionDto> Items, string? NextCursor);
