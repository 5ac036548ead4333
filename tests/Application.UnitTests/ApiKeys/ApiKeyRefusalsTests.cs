using Microsoft.Extensions.Time.Testing;
using Natero.Connectors.Application.ApiKeys.Authentication;

namespace Natero.Connectors.Application.UnitTests.ApiKeys;

/// <summary>U3: refused keys are counted per prefix, address and reason and minute, into a bounded number of windows.</summary>
public sealed class ApiKeyRefusalsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void U3_a_windows_first_refusal_is_due_at_once_and_the_rest_when_the_minute_is_over()
    {
        var refusals = new ApiKeyRefusals(_time);
        for (var i = 0; i < 50; i++)
        {
            refusals.Count(new ApiKeyRefusal(ApiKeyRefusals.Malformed, "192.0.2.1", "invalid_api_key"));
            if (i == 0)
            {
                refusals.TakeDue().ShouldHaveSingleItem().Count.ShouldBe(1);
            }
        }

        refusals.TakeDue().ShouldBeEmpty("the window is still open and its first refusal was reported");
        _time.Advance(TimeSpan.FromSeconds(59));
        refusals.TakeDue().ShouldBeEmpty();
        refusals.NextClose.ShouldBe(_time.GetUtcNow().AddSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));
        var rest = refusals.TakeDue().ShouldHaveSingleItem();

        rest.Count.ShouldBe(49);
        rest.Prefix.ShouldBe(ApiKeyRefusals.Malformed);
        rest.Address.ShouldBe("192.0.2.1");
        refusals.NextClose.ShouldBeNull("the closed window is forgotten");
        refusals.Count(new ApiKeyRefusal(ApiKeyRefusals.Malformed, "192.0.2.1", "invalid_api_key"));
        refusals.TakeDue().ShouldHaveSingleItem().Count.ShouldBe(1, "a new minute opens a new window");
    }

    [Fact]
    public void U3_prefix_address_and_reason_each_make_a_window_of_their_own_and_a_known_key_keeps_its_tenant()
    {
        var refusals = new ApiKeyRefusals(_time);
        var tenant = Guid.NewGuid();
        var key = Guid.NewGuid();

        refusals.Count(new ApiKeyRefusal("ntr_aaaaaaaa", "192.0.2.1", "api_key_revoked", key, tenant));
        refusals.Count(new ApiKeyRefusal("ntr_aaaaaaaa", "192.0.2.2", "api_key_revoked", key, tenant));
        refusals.Count(new ApiKeyRefusal("ntr_aaaaaaaa", "192.0.2.1", "api_key_expired", key, tenant));
        refusals.Count(new ApiKeyRefusal("ntr_bbbbbbbb", "192.0.2.1", "invalid_api_key"));

        var due = refusals.TakeDue();

        due.Count.ShouldBe(4);
        due.Where(r => r.Prefix == "ntr_aaaaaaaa").ShouldAllBe(r => r.TenantId == tenant && r.KeyId == key);
        due.Single(r => r.Prefix == "ntr_bbbbbbbb").TenantId.ShouldBeNull();
    }

    [Fact]
    public void U3_beyond_the_cap_refusals_merge_into_one_window_per_reason_and_every_one_is_still_counted()
    {
        var refusals = new ApiKeyRefusals(_time);
        const int extra = 500;

        for (var i = 0; i < ApiKeyRefusals.MaxWindows + extra; i++)
        {
            refusals.Count(new ApiKeyRefusal(ApiKeyRefusals.Malformed, $"10.0.{i / 256}.{i % 256}", "invalid_api_key"));
        }

        var due = refusals.TakeDue(closeAll: true);

        due.Count.ShouldBe(ApiKeyRefusals.MaxWindows + 1);
        var merged = due.Single(r => r.Address == ApiKeyRefusals.Overflow);
        merged.Prefix.ShouldBe(ApiKeyRefusals.Overflow);
        merged.Count.ShouldBe(extra);
        due.Sum(r => r.Count).ShouldBe(ApiKeyRefusals.MaxWindows + extra);
        refusals.NextClose.ShouldBeNull();
    }

    [Fact]
    public async Task U3_opening_a_window_wakes_the_writer()
    {
        var refusals = new ApiKeyRefusals(_time);
        var woken = refusals.WhenWindowOpensAsync(TestContext.Current.CancellationToken);
        woken.IsCompleted.ShouldBeFalse();

        refusals.Count(new ApiKeyRefusal(ApiKeyRefusals.Malformed, null, "invalid_api_key"));

        await woken.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        refusals.TakeDue().ShouldHaveSingleItem().Address.ShouldBe("unknown");
    }
}
