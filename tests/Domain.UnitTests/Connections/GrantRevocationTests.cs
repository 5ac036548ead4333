using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Domain.UnitTests.Connections;

public sealed class GrantRevocationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private static GrantRevocation Queued(string? access = "access-token", string? refresh = "refresh-token") =>
        GrantRevocation.Queue(
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            "salesforce",
            new SignInSite("Production", null),
            access,
            refresh,
            (token, field) => $"sealed({field})",
            Now
        );

    [Fact]
    public void A_queued_revocation_is_due_at_once_and_holds_only_what_the_protector_made_of_its_tokens()
    {
        var revocation = Queued();

        revocation.NextAttemptAt.ShouldBe(Now);
        revocation.Attempts.ShouldBe(0);
        revocation.AccessTokenCiphertext.ShouldBe($"sealed({GrantRevocation.AccessTokenField})");
        revocation.RefreshTokenCiphertext.ShouldBe($"sealed({GrantRevocation.RefreshTokenField})");
        revocation.Site.ShouldBe(new SignInSite("Production", null));
    }

    [Fact]
    public void A_revocation_needs_a_token()
    {
        Should.Throw<DomainException>(() => Queued(access: null, refresh: null));
        Queued(access: null).AccessTokenCiphertext.ShouldBeNull();
    }

    [Fact]
    public void Each_failed_attempt_doubles_the_wait_up_to_the_longest_and_the_last_one_ends_the_retries()
    {
        var revocation = Queued();
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt < GrantRevocation.MaxAttempts; attempt++)
        {
            revocation.Failed("Salesforce did not answer.", Now).ShouldBeTrue();
            waits.Add(revocation.NextAttemptAt - Now);
        }

        waits[0].ShouldBe(GrantRevocation.FirstRetryDelay);
        waits[1].ShouldBe(2 * GrantRevocation.FirstRetryDelay);
        waits[2].ShouldBe(4 * GrantRevocation.FirstRetryDelay);
        waits.Max().ShouldBe(GrantRevocation.MaxRetryDelay);
        waits.ShouldBeInOrder();

        revocation.Failed("Salesforce did not answer.", Now).ShouldBeFalse();
        revocation.Attempts.ShouldBe(GrantRevocation.MaxAttempts);
        revocation.LastError.ShouldBe("Salesforce did not answer.");
    }

    [Fact]
    public void A_long_error_is_kept_clipped()
    {
        var revocation = Queued();

        revocation.Failed(new string('x', GrantRevocation.ErrorMaxLength + 50), Now);

        revocation.LastError!.Length.ShouldBe(GrantRevocation.ErrorMaxLength);
    }
}
