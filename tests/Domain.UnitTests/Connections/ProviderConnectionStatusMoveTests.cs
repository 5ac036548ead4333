using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;
using static Natero.Connectors.Domain.Connections.ConnectionStatus;
using static Natero.Connectors.Domain.UnitTests.Connections.ConnectionOperation;

namespace Natero.Connectors.Domain.UnitTests.Connections;

/// <summary>
/// The whole status table: every operation from every status is either a legal move (with the status it
/// lands in) or an illegal one (with the exception it throws). A completeness test keeps the two lists exhaustive.
/// Connections other than PendingConfiguration have a completed configuration (see <see cref="ConnectionScenarios.In"/>).
/// </summary>
public sealed class ProviderConnectionStatusMoveTests
{
    public static TheoryData<ConnectionStatus, ConnectionOperation, ConnectionStatus> LegalMoves =>
        new()
        {
            { PendingConfiguration, CompleteConfiguration, Active },
            { PendingConfiguration, MarkApiAccessDisabled, ApiAccessDisabled },
            { PendingConfiguration, MarkVerified, PendingConfiguration },
            { PendingConfiguration, MarkNeedsReauthorization, NeedsReauthorization },
            { PendingConfiguration, Suspend, Suspended },
            { PendingConfiguration, Disconnect, Disconnected },
            { PendingConfiguration, Reauthorize, PendingConfiguration },
            { PendingConfiguration, RecordRefresh, PendingConfiguration },
            { PendingConfiguration, StoreTokens, PendingConfiguration },
            { Active, MarkApiAccessDisabled, ApiAccessDisabled },
            { Active, MarkVerified, Active },
            { Active, MarkNeedsReauthorization, NeedsReauthorization },
            { Active, Suspend, Suspended },
            { Active, Disconnect, Disconnected },
            { Active, Reauthorize, Active },
            { Active, RecordRefresh, Active },
            { Active, StoreTokens, Active },
            { ApiAccessDisabled, MarkApiAccessDisabled, ApiAccessDisabled },
            { ApiAccessDisabled, MarkVerified, Active },
            { ApiAccessDisabled, MarkNeedsReauthorization, NeedsReauthorization },
            { ApiAccessDisabled, Suspend, Suspended },
            { ApiAccessDisabled, Disconnect, Disconnected },
            { ApiAccessDisabled, Reauthorize, Active },
            { ApiAccessDisabled, RecordRefresh, ApiAccessDisabled },
            { ApiAccessDisabled, StoreTokens, ApiAccessDisabled },
            { NeedsReauthorization, Suspend, Suspended },
            { NeedsReauthorization, Disconnect, Disconnected },
            { NeedsReauthorization, Reauthorize, Active },
            { NeedsReauthorization, StoreTokens, NeedsReauthorization },
            { Suspended, Resume, Active },
            // S19: a suspension by Natero staff outlives a disconnect; its tokens go, the suspension stays.
            { Suspended, Disconnect, Suspended },
            { Suspended, StoreTokens, Suspended },
            { Disconnected, Reauthorize, Active },
        };

    public static TheoryData<ConnectionStatus, ConnectionOperation, Type> IllegalMoves =>
        new()
        {
            { PendingConfiguration, Resume, typeof(IllegalStatusTransitionException) },
            { Active, CompleteConfiguration, typeof(IllegalStatusTransitionException) },
            { Active, Resume, typeof(IllegalStatusTransitionException) },
            { ApiAccessDisabled, CompleteConfiguration, typeof(IllegalStatusTransitionException) },
            { ApiAccessDisabled, Resume, typeof(IllegalStatusTransitionException) },
            { NeedsReauthorization, CompleteConfiguration, typeof(IllegalStatusTransitionException) },
            { NeedsReauthorization, MarkApiAccessDisabled, typeof(IllegalStatusTransitionException) },
            { NeedsReauthorization, MarkVerified, typeof(IllegalStatusTransitionException) },
            { NeedsReauthorization, MarkNeedsReauthorization, typeof(IllegalStatusTransitionException) },
            { NeedsReauthorization, Resume, typeof(IllegalStatusTransitionException) },
            { NeedsReauthorization, RecordRefresh, typeof(IllegalStatusTransitionException) },
            { Suspended, CompleteConfiguration, typeof(IllegalStatusTransitionException) },
            { Suspended, MarkApiAccessDisabled, typeof(IllegalStatusTransitionException) },
            { Suspended, MarkVerified, typeof(IllegalStatusTransitionException) },
            { Suspended, MarkNeedsReauthorization, typeof(IllegalStatusTransitionException) },
            { Suspended, Suspend, typeof(IllegalStatusTransitionException) },
            { Suspended, Reauthorize, typeof(IllegalStatusTransitionException) },
            { Suspended, RecordRefresh, typeof(IllegalStatusTransitionException) },
            { Disconnected, CompleteConfiguration, typeof(IllegalStatusTransitionException) },
            { Disconnected, MarkApiAccessDisabled, typeof(IllegalStatusTransitionException) },
            { Disconnected, MarkVerified, typeof(IllegalStatusTransitionException) },
            { Disconnected, MarkNeedsReauthorization, typeof(IllegalStatusTransitionException) },
            { Disconnected, Suspend, typeof(IllegalStatusTransitionException) },
            { Disconnected, Resume, typeof(IllegalStatusTransitionException) },
            { Disconnected, Disconnect, typeof(IllegalStatusTransitionException) },
            { Disconnected, RecordRefresh, typeof(IllegalStatusTransitionException) },
            { Disconnected, StoreTokens, typeof(DomainException) },
        };

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void Legal_move_lands_in_the_expected_status(ConnectionStatus from, ConnectionOperation operation, ConnectionStatus to)
    {
        var clock = ConnectionScenarios.NewClock();
        var connection = ConnectionScenarios.In(from, clock);

        connection.Apply(operation, clock);

        connection.Status.ShouldBe(to);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void Illegal_move_throws_and_changes_nothing(ConnectionStatus from, ConnectionOperation operation, Type exceptionType)
    {
        var clock = ConnectionScenarios.NewClock();
        var connection = ConnectionScenarios.In(from, clock);
        var versionBefore = connection.Version;

        var exception = Should.Throw<DomainException>(() => connection.Apply(operation, clock));

        exception.GetType().ShouldBe(exceptionType);
        if (exception is IllegalStatusTransitionException illegal)
        {
            illegal.From.ShouldBe(from.ToString());
        }

        connection.Status.ShouldBe(from);
        connection.Version.ShouldBe(versionBefore);
    }

    [Fact]
    public void Every_operation_from_every_status_is_listed_exactly_once_as_legal_or_illegal()
    {
        var listed = LegalMoves
            .Select(row => (row.Data.Item1, row.Data.Item2))
            .Concat(IllegalMoves.Select(row => (row.Data.Item1, row.Data.Item2)))
            .ToList();
        var everyPair = Enum.GetValues<ConnectionStatus>()
            .SelectMany(status => Enum.GetValues<ConnectionOperation>().Select(operation => (status, operation)))
            .ToList();

        listed.Count.ShouldBe(listed.Distinct().Count());
        listed.ShouldBe(everyPair, ignoreOrder: true);
    }
}
