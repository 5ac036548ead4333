using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.UnitTests.Audit;

/// <summary>U2: an event recorded before its details were known may be described until it is sealed, never after.</summary>
public sealed class AuditEventDescribeTests
{
    [Fact]
    public void U2_an_unsealed_event_takes_its_target_and_data_and_the_hash_covers_them()
    {
        var e = Pending();

        e.Describe("api_key:1", """{"scopes":"DataConnectors.View"}""");
        e.Seal(null);

        e.Target.ShouldBe("api_key:1");
        e.Data.ShouldBe("""{"scopes":"DataConnectors.View"}""");
        e.Hash.ShouldBe(AuditChain.HashOf(e));
    }

    [Fact]
    public void U2_a_sealed_event_never_changes()
    {
        var e = Pending();
        e.Seal(null);

        Should.Throw<DomainException>(() => e.Describe("api_key:2", null));
        e.Target.ShouldBeNull();
    }

    private static AuditEvent Pending() =>
        AuditEvent.Record(
            Guid.NewGuid(),
            DateTimeOffset.UnixEpoch,
            null,
            ActorType.System,
            null,
            "system",
            "api_key.created",
            null,
            AuditOutcome.Success,
            null,
            null,
            null,
            null,
            null
        );
}
