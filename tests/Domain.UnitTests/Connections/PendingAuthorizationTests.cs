using Microsoft.Extensions.Time.Testing;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Domain.UnitTests.Connections;

public sealed class PendingAuthorizationTests
{
    private readonly FakeTimeProvider _clock = ConnectionScenarios.NewClock();

    [Fact]
    public void Attempt_expires_ten_minutes_after_it_started()
    {
        var attempt = Start();

        attempt.ExpiresAt.ShouldBe(_clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        attempt.IsExpired(_clock.GetUtcNow()).ShouldBeFalse();
        _clock.Advance(TimeSpan.FromTicks(1));
        attempt.IsExpired(_clock.GetUtcNow()).ShouldBeTrue();
    }

    [Fact]
    public void Finishing_records_the_outcome_and_consumes_the_attempt()
    {
        var attempt = Start();
        var connectionId = Guid.CreateVersion7();
        _clock.Advance(TimeSpan.FromMinutes(2));

        attempt.Finish(AuthorizationOutcome.Connected, null, connectionId, _clock.GetUtcNow());

        attempt.IsConsumed.ShouldBeTrue();
        attempt.ConsumedAt.ShouldBe(_clock.GetUtcNow());
        attempt.Outcome.ShouldBe(AuthorizationOutcome.Connected);
        attempt.ConnectionId.ShouldBe(connectionId);
    }

    [Fact]
    public void Finishing_twice_throws_and_keeps_the_first_outcome()
    {
        var attempt = Start();
        attempt.Finish(AuthorizationOutcome.Denied, "access_denied", null, _clock.GetUtcNow());

        Should.Throw<DomainException>(() => attempt.Finish(AuthorizationOutcome.Connected, null, Guid.CreateVersion7(), _clock.GetUtcNow()));

        attempt.Outcome.ShouldBe(AuthorizationOutcome.Denied);
        attempt.OutcomeDetail.ShouldBe("access_denied");
        attempt.ConnectionId.ShouldBeNull();
    }

    [Fact]
    public void Login_url_is_stored_without_a_trailing_slash()
    {
        Start().LoginUrl.ShouldBe("https://login.salesforce.com");
    }

    private PendingAuthorization Start() => PendingAuthorization.Start(
        Guid.CreateVersion7(),
        ConnectionScenarios.TenantId,
        ConnectionScenarios.AdminUserId,
        "salesforce",
        ConnectionEnvironment.Production,
        myDomainHost: null,
        new Uri("https://login.salesforce.com/"),
        stateHash: "c3RhdGUtaGFzaA",
        browserBindingHash: "YmluZGluZy1oYXNo",
        protectedCodeVerifier: "k1:verifier",
        returnUrl: "/t/acme/settings/it-administration/oauth",
        _clock.GetUtcNow());
}
