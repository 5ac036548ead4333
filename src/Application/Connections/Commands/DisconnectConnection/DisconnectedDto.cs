namespace Natero.Connectors.Application.Connections.Commands.DisconnectConnection;

public sealed record DisconnectedDto(Guid ConnectionId, bool RevokedAtProvider, string Message);
