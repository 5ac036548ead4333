using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;

public sealed record StatusCountDto(ConnectionStatus Status, int Count);
