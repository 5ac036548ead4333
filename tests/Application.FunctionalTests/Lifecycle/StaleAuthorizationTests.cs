using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Monitoring;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>Spent and expired OAuth attempts do not pile up: the monitor forgets them after a day.</summary>
public sealed class StaleAuthorizationTests(ApplicationFixture app) : LifecycleTest(app)
{
    [Fact]
    public async Task Attempts_expired_for_over_a_day_are_removed_and_recent_ones_kept()
    {
        await Flow.StartAsync(Admin);
        App.Clock.Advance(TimeSpan.FromDays(2));
        await Flow.StartAsync(Admin);
        var monitor = App.Services.GetRequiredService<ConnectionMonitor>();

        await monitor.RunOnceAsync(CancellationToken.None);

        var left = await App.QueryDbAsync(db => db.PendingAuthorizations.IgnoreQueryFilters().ToListAsync());
        left.ShouldHaveSingleItem().ExpiresAt.ShouldBeGreaterThan(App.Clock.GetUtcNow());
        left[0].Provider.ShouldBe("salesforce");
        left[0].Environment.ShouldBe("Production");
    }
}
