using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Events;
using static Natero.Connectors.Domain.Connections.ConnectionStatus;

namespace Natero.Connectors.Domain.UnitTests.Connections;

/// <summary>Which event a saved change of a connection raises (DESIGN section 15): one rule, every status move.</summary>
public sealed class ConnectionChangeTests
{
    [Theory]
    [InlineData(null, PendingConfiguration, false, false, EventTypes.ConnectionAuthorized)]
    [InlineData(NeedsReauthorization, Active, true, false, EventTypes.ConnectionReauthorized)]
    [InlineData(Active, Active, true, false, EventTypes.ConnectionReauthorized)]
    [InlineData(Active, Disconnected, false, true, EventTypes.ConnectionDisconnected)]
    [InlineData(Suspended, Suspended, false, true, EventTypes.ConnectionDisconnected)]
    [InlineData(Active, NeedsReauthorization, false, false, EventTypes.ConnectionNeedsReauthorization)]
    [InlineData(Active, ApiAccessDisabled, false, false, EventTypes.ConnectionApiAccessDisabled)]
    [InlineData(ApiAccessDisabled, Active, false, false, EventTypes.ConnectionRecovered)]
    [InlineData(ApiAccessDisabled, PendingConfiguration, false, false, EventTypes.ConnectionRecovered)]
    [InlineData(Active, Suspended, false, false, EventTypes.ConnectionSuspended)]
    [InlineData(Suspended, Active, false, false, EventTypes.ConnectionResumed)]
    [InlineData(Suspended, Disconnected, false, false, EventTypes.ConnectionResumed)]
    [InlineData(PendingConfiguration, Active, false, false, EventTypes.ConnectionConfigurationCompleted)]
    [InlineData(Active, Active, false, false, null)]
    public void Each_change_names_its_event(
        ConnectionStatus? before,
        ConnectionStatus after,
        bool reauthorized,
        bool disconnected,
        string? type
    ) => new ConnectionChange(before, after, reauthorized, disconnected).EventType.ShouldBe(type);

    [Fact]
    public void Every_event_type_a_change_can_raise_is_a_known_event_type()
    {
        var statuses = Enum.GetValues<ConnectionStatus>().Cast<ConnectionStatus?>().Prepend(null).ToList();
        var raised =
            from before in statuses
            from after in Enum.GetValues<ConnectionStatus>()
            from flags in new[] { (false, false), (true, false), (false, true) }
            select new ConnectionChange(before, after, flags.Item1, flags.Item2).EventType;

        raised.OfType<string>().ShouldAllBe(t => EventTypes.IsKnown(t));
    }
}
