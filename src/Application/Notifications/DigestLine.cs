using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Notifications;

/// <summary>One broken connection in the daily digest, and since when it has been broken (its last error), when known.</summary>
internal sealed record DigestLine(NotifiedConnection Connection, ConnectionStatus Status, DateTimeOffset? BrokenSince, string? Reason);
