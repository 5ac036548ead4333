using Microsoft.Extensions.Time.Testing;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Domain.UnitTests.Connections;

public sealed class AuthorizationLinkTests
{
    private readonly FakeTimeProvider _clock = ConnectionScenarios.NewClock();

    [Fact]
    public void A_link_is_used_once_and_a_second_use_is_refused_with_the_words_for_a_used_link()
    {
        var link = Create();

        link.RefusalToUse(_clock.GetUtcNow()).ShouldBeNull();
        link.Use(ConnectionScenarios.AdminUserId, _clock.GetUtcNow());

        link.UsedAt.ShouldBe(_clock.GetUtcNow());
        link.UsedByUserId.ShouldBe(ConnectionScenarios.AdminUserId);
        link.Version.ShouldBe(1);
        link.RefusalToUse(_clock.GetUtcNow()).ShouldBe(AuthorizationLink.AlreadyUsed);
        Should.Throw<DomainException>(() => link.Use(ConnectionScenarios.StaffUserId, _clock.GetUtcNow()));
        link.UsedByUserId.ShouldBe(ConnectionScenarios.AdminUserId);
        link.Version.ShouldBe(1);
    }

    [Fact]
    public void An_expired_link_is_refused_with_the_time_it_expired()
    {
        var link = Create();
        _clock.Advance(AuthorizationLink.Lifetime);

        var refusal = link.RefusalToUse(_clock.GetUtcNow());

        refusal.ShouldNotBeNull();
        refusal.Code.ShouldBe("link_closed");
        refusal.Message.ShouldStartWith($"This link expired at {link.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        Should.Throw<DomainException>(() => link.Use(ConnectionScenarios.AdminUserId, _clock.GetUtcNow()));
        link.UsedAt.ShouldBeNull();
    }

    private AuthorizationLink Create() =>
        AuthorizationLink.Create(
            Guid.CreateVersion7(),
            ConnectionScenarios.TenantId,
            new string('a', 64),
            "salesforce",
            new SignInSite("Production", null),
            null,
            "API key \"automation\"",
            _clock.GetUtcNow()
        );
}
