using Natero.Connectors.Domain.Events;
using static Natero.Connectors.Domain.Connections.ConnectionStatus;

namespace Natero.Connectors.Domain.Connections;

/// <summary>
/// What a saved change of a connection was, seen from outside: the event it raises. Persistence compares a
/// connection before and after each save and asks this, so no code path that changes a connection can forget
/// to tell subscribers, and the rule that names the change lives here, next to the statuses.
/// </summary>
public sealed record ConnectionChange(ConnectionStatus? Before, ConnectionStatus After, bool Reauthorized, bool Disconnected)
{
    /// <summary>The statuses in which a connection does not work and someone must act.</summary>
    public static bool IsBroken(ConnectionStatus status) => status is NeedsReauthorization or ApiAccessDisabled;

    /// <summary>The same statuses as a list, for a query that looks for every broken connection.</summary>
    public static IReadOnlyList<ConnectionStatus> BrokenStatuses { get; } = [NeedsReauthorization, ApiAccessDisabled];

    /// <summary>Whether someone must authorize the connection again, rather than give its account or user API access back.</summary>
    public static bool NeedsNewGrant(ConnectionStatus status) => status is NeedsReauthorization;

    /// <summary>The event type of this change, or null when nothing a subscriber cares about changed.</summary>
    public string? EventType =>
        this switch
        {
            { Before: null } => EventTypes.ConnectionAuthorized,
            { Reauthorized: true } => EventTypes.ConnectionReauthorized,
            { Disconnected: true } => EventTypes.ConnectionDisconnected,
            { Before: var b, After: var a } when b == a => null,
            { After: NeedsReauthorization } => EventTypes.ConnectionNeedsReauthorization,
            { After: ApiAccessDisabled } => EventTypes.ConnectionApiAccessDisabled,
            { After: Suspended } => EventTypes.ConnectionSuspended,
            { Before: Suspended } => EventTypes.ConnectionResumed,
            { Before: PendingConfiguration, After: Active } => EventTypes.ConnectionConfigurationCompleted,
            { Before: { } b } when IsBroken(b) && After is Active or PendingConfiguration => EventTypes.ConnectionRecovered,
            _ => null,
        };

    /// <summary>Whether the change brought a broken connection back (by verification or by authorizing again).</summary>
    public bool Recovered => Before is { } b && IsBroken(b) && After is Active or PendingConfiguration;
}
