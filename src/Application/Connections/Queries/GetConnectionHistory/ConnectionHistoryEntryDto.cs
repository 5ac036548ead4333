using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;

/// <summary>
/// One thing in a connection's history: an audit event (<see cref="Kind"/> is its action) or a check
/// (<see cref="Checked"/>, with the status it left). Failed: the event's outcome was not a success, or the check failed.
/// </summary>
public sealed record ConnectionHistoryEntryDto(
    DateTimeOffset At,
    string Kind,
    bool Failed,
    string? Detail,
    string? Actor,
    ConnectionStatus? StatusAfter = null
)
{
    public const string Checked = "connection.checked";
}
