using Microsoft.Extensions.Time.Testing;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Domain.UnitTests.Connections;

public sealed class PendingAuthorizationTests
{
    private const string Binding = "YmluZGluZy1oYXNo";

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

        Should.Throw<DomainException>(() =>
            attempt.Finish(AuthorizationOutcome.Connected, null, Guid.CreateVersion7(), _clock.GetUtcNow())
        );

        attempt.Outcome.ShouldBe(AuthorizationOutcome.Denied);
        attempt.OutcomeDetail.ShouldBe("access_denied");
        attempt.ConnectionId.ShouldBeNull();
    }

    [Fact]
    public void Only_its_own_user_from_its_own_browser_claims_it_once_and_in_time()
    {
        var attempt = Start();
        var now = _clock.GetUtcNow();

        attempt.RefusalToClaim(Guid.CreateVersion7(), Binding, now)!.Message.ShouldContain("another Natero user");
        attempt.RefusalToClaim(null, Binding, now)!.Message.ShouldContain("another Natero user");
        attempt.RefusalToClaim(ConnectionScenarios.AdminUserId, "b3RoZXI", now)!.Message.ShouldContain("another browser");
        attempt.RefusalToClaim(ConnectionScenarios.AdminUserId, null, now)!.Message.ShouldContain("another browser");
        attempt.RefusalToClaim(ConnectionScenarios.AdminUserId, Binding, attempt.ExpiresAt)!.Message.ShouldContain("expired");
        attempt.RefusalToClaim(ConnectionScenarios.AdminUserId, Binding, now).ShouldBeNull();

        attempt.Claim(ConnectionScenarios.AdminUserId, Binding, now);

        attempt.ConsumedAt.ShouldBe(now);
        attempt.Version.ShouldBe(1);
        attempt.RefusalToClaim(ConnectionScenarios.AdminUserId, Binding, now).ShouldBe(PendingAuthorization.AlreadyClaimed);
        Should.Throw<DomainException>(() => attempt.Claim(ConnectionScenarios.AdminUserId, Binding, now));
        attempt.Version.ShouldBe(1);
    }

    [Fact]
    public void Login_url_is_stored_without_a_trailing_slash()
    {
        Start().LoginUrl.ShouldBe("https://login.salesforce.com");
    }

    private PendingAuthorization Start() =>
        PendingAuthorization.Start(
            Guid.CreateVersion7(),
            ConnectionScenarios.TenantId,
            ConnectionScenarios.AdminUserId,
            "salesforce",
            new SignInSite("Production", null),
            new Uri("https://login.salesforce.com/"),
            stateHash: "c3RhdGUtaGFzaA",
            browserBindingHash: Binding,
            protectedCodeVerifier: "k1:verifier",
            returnUrl: "/t/acme/settings/it-administration/oauth",
            _clock.GetUtcNow()
        );
}
