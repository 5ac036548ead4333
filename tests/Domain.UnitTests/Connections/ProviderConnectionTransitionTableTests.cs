using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;
using static Natero.Connectors.Domain.Connections.ConnectionStatus;

namespace Natero.Connectors.Domain.UnitTests.Connections;

/// <summary>
/// The connection's one table of which status allows which action, and its promise: what it refuses when
/// asked is exactly what its methods refuse when told, with words a person can act on.
/// </summary>
public sealed class ProviderConnectionTransitionTableTests
{
    private static readonly Dictionary<ConnectionAction, ConnectionStatus[]> Expected = new()
    {
        [ConnectionAction.CompleteConfiguration] = [PendingConfiguration],
        [ConnectionAction.Use] = [PendingConfiguration, Active, ApiAccessDisabled],
        [ConnectionAction.Suspend] = [PendingConfiguration, Active, ApiAccessDisabled, NeedsReauthorization],
        [ConnectionAction.Resume] = [Suspended],
        [ConnectionAction.Disconnect] = [PendingConfiguration, Active, ApiAccessDisabled, NeedsReauthorization, Suspended],
        [ConnectionAction.Reauthorize] = [PendingConfiguration, Active, ApiAccessDisabled, NeedsReauthorization, Disconnected],
    };

    /// <summary>The entity operations each action stands for (the ones that move or use a connection).</summary>
    private static readonly Dictionary<ConnectionAction, ConnectionOperation[]> Operations = new()
    {
        [ConnectionAction.CompleteConfiguration] = [ConnectionOperation.CompleteConfiguration],
        [ConnectionAction.Use] =
        [
            ConnectionOperation.MarkVerified,
            ConnectionOperation.MarkApiAccessDisabled,
            ConnectionOperation.MarkNeedsReauthorization,
            ConnectionOperation.RecordRefresh,
        ],
        [ConnectionAction.Suspend] = [ConnectionOperation.Suspend],
        [ConnectionAction.Resume] = [ConnectionOperation.Resume],
        [ConnectionAction.Disconnect] = [ConnectionOperation.Disconnect],
        [ConnectionAction.Reauthorize] = [ConnectionOperation.Reauthorize],
    };

    public static TheoryData<ConnectionAction, ConnectionStatus> EveryPair
    {
        get
        {
            var pairs = new TheoryData<ConnectionAction, ConnectionStatus>();
            foreach (var action in Enum.GetValues<ConnectionAction>())
            {
                foreach (var status in Enum.GetValues<ConnectionStatus>())
                {
                    pairs.Add(action, status);
                }
            }

            return pairs;
        }
    }

    [Fact]
    public void Every_action_has_a_row_in_the_table()
    {
        foreach (var action in Enum.GetValues<ConnectionAction>())
        {
            ProviderConnection.StatusesAllowing(action).ShouldBe(Expected[action], ignoreOrder: true, $"{action}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void The_table_allows_exactly_the_expected_statuses(ConnectionAction action, ConnectionStatus status)
    {
        ProviderConnection.Allows(action, status).ShouldBe(Expected[action].Contains(status));
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_connection_refuses_when_asked_exactly_what_it_refuses_when_told(ConnectionAction action, ConnectionStatus status)
    {
        var refusal = ConnectionScenarios.In(status).RefusalTo(action);

        (refusal is null).ShouldBe(Expected[action].Contains(status));
        foreach (var operation in Operations[action])
        {
            var clock = ConnectionScenarios.NewClock();
            var connection = ConnectionScenarios.In(status, clock);
            if (refusal is null)
            {
                Should.NotThrow(() => connection.Apply(operation, clock), $"{operation} from {status}");
            }
            else
            {
                Should.Throw<IllegalStatusTransitionException>(() => connection.Apply(operation, clock), $"{operation} from {status}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_refusal_has_a_code_and_words_a_person_can_read(ConnectionAction action, ConnectionStatus status)
    {
        if (ConnectionScenarios.In(status).RefusalTo(action) is not { } refusal)
        {
            return;
        }

        refusal.Code.ShouldMatch("^[a-z_]+$");
        refusal.Message.ShouldEndWith(".");
    }

    [Fact]
    public void A_suspended_connection_whose_tokens_were_erased_is_already_disconnected()
    {
        var clock = ConnectionScenarios.NewClock();
        var connection = ConnectionScenarios.In(Suspended, clock);
        connection.Apply(ConnectionOperation.Disconnect, clock);

        connection
            .RefusalTo(ConnectionAction.Disconnect)
            .ShouldBe(new Refusal("already_disconnected", "This connection is already disconnected."));
        Should.Throw<IllegalStatusTransitionException>(() => connection.Apply(ConnectionOperation.Disconnect, clock));
        connection.RefusalTo(ConnectionAction.Resume).ShouldBeNull();
    }

    [Fact]
    public void A_connection_that_needs_reauthorization_is_refused_with_the_reason_it_was_given()
    {
        var connection = ConnectionScenarios.In(NeedsReauthorization);

        connection.RefusalTo(ConnectionAction.Use).ShouldBe(new Refusal("needs_reauthorization", "The session expired."));
        ConnectionScenarios.In(Suspended).RefusalTo(ConnectionAction.Use)!.Code.ShouldBe("connection_suspended");
        ConnectionScenarios.In(Disconnected).RefusalTo(ConnectionAction.Use)!.Code.ShouldBe("connection_disconnected");
    }
}
