using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Web.Api;

/// <summary>A connection's status after a platform action.</summary>
public sealed record ConnectionStatusResponse(ConnectionStatus Status);
