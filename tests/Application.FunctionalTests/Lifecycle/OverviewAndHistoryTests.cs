using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys.Usage;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Connections.Commands.VerifyConnection;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;
using Natero.Connectors.Application.Platform.Connections.Commands.SuspendConnection;
using Natero.Connectors.Application.Platform.Connections.Queries.GetPlatformConnectionHistory;
using Natero.Connectors.Application.Platform.Overview.Queries.GetPlatformOverview;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.ApiCalls;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Lifecycle;

/// <summary>The platform overview's counts and series, and a connection's history, from what really happened to connections.</summary>
public sealed class OverviewAndHistoryTests(ApplicationFixture app) : LifecycleTest(app)
{
    private Actor _auditor = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _auditor = await App.CreateUserAsync("auditor@natero.test", PlatformRoles.PlatformAuditor);
    }

    [Fact]
    public async Task Overview_counts_statuses_lists_broken_connections_first_and_counts_checks_and_failures_per_day()
    {
        var disabled = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var refused = await ConnectFreshAsync(App.Salesforce.Demo.SandboxAdmin, "Sandbox");
        var firstDay = App.Clock.GetUtcNow();
        (await App.SendAsync(new VerifyConnectionCommand(disabled), Admin, TestUsers.DemoTenant)).Value.Healthy.ShouldBeTrue();

        App.Clock.Advance(TimeSpan.FromDays(1));
        App.Salesforce.Demo.Admin.ApiEnabled = false;
        try
        {
            (await App.SendAsync(new VerifyConnectionCommand(disabled), Admin, TestUsers.DemoTenant)).Value.Healthy.ShouldBeFalse();
        }
        finally
        {
            App.Salesforce.Demo.Admin.ApiEnabled = true;
        }

        App.Clock.Advance(TimeSpan.FromDays(2));
        App.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(refused);
        (await Tokens.GetAsync(DemoTenantId, refused, CancellationToken.None)).Error!.Code.ShouldBe("needs_reauthorization");
        App.Clock.Advance(TimeSpan.FromHours(5));

        var overview = (await App.SendAsync(new GetPlatformOverviewQuery(), _auditor)).Value;

        overview.Total.ShouldBe(2);
        overview.ByStatus.Single(s => s.Status == ConnectionStatus.ApiAccessDisabled).Count.ShouldBe(1);
        overview.ByStatus.Single(s => s.Status == ConnectionStatus.NeedsReauthorization).Count.ShouldBe(1);
        overview.ByStatus.Where(s => !ConnectionChange.IsBroken(s.Status)).Sum(s => s.Count).ShouldBe(0);
        overview.ByProvider.ShouldHaveSingleItem().ShouldBe(new ProviderCountDto("salesforce", 2, 2));
        var demo = overview.Tenants.Single(t => t.Slug == TestUsers.DemoTenant);
        demo.Total.ShouldBe(2);
        demo.Count(ConnectionStatus.ApiAccessDisabled).ShouldBe(1);

        overview.Broken.Select(b => b.Id).ShouldBe([disabled, refused]);
        overview.Broken[0].BrokenSince!.Value.ShouldBe(firstDay + TimeSpan.FromDays(1), Precision);
        overview.Broken[1].BrokenSince!.Value.ShouldBe(firstDay + TimeSpan.FromDays(3), Precision);
        overview.Broken[1].Reason!.ShouldContain("authorize again");

        overview.Days.Count.ShouldBe(30);
        overview.Days[^1].Day.ShouldBe(DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime));
        var byDay = overview.Days.ToDictionary(d => d.Day);
        byDay[DateOnly.FromDateTime(firstDay.UtcDateTime)].HealthyChecks.ShouldBe(1);
        byDay[DateOnly.FromDateTime((firstDay + TimeSpan.FromDays(1)).UtcDateTime)].FailedChecks.ShouldBe(1);
        byDay[DateOnly.FromDateTime((firstDay + TimeSpan.FromDays(3)).UtcDateTime)].RefreshFailures.ShouldBe(1);
        overview.Days.Sum(d => d.HealthyChecks + d.FailedChecks).ShouldBe(2);
        overview.Days.Sum(d => d.RefreshFailures).ShouldBe(1);
    }

    [Fact]
    public async Task Api_calls_are_counted_per_tenant_and_day_in_batches()
    {
        var counts = App.Services.GetRequiredService<ApiCallCounts>();
        var writer = App.Services.GetRequiredService<ApiCallTallyWriter>();
        var now = App.Clock.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            counts.Count(DemoTenantId, now);
        }

        counts.Count(null, now);
        await writer.FlushAsync(CancellationToken.None);
        counts.Count(DemoTenantId, now - TimeSpan.FromDays(2));
        counts.Count(DemoTenantId, now - TimeSpan.FromDays(40));
        await writer.FlushAsync(CancellationToken.None);
        counts.Count(DemoTenantId, now);
        await writer.FlushAsync(CancellationToken.None);

        var overview = (await App.SendAsync(new GetPlatformOverviewQuery(), _auditor)).Value;

        var demo = overview.Tenants.Single(t => t.Slug == TestUsers.DemoTenant);
        demo.ApiCallsToday.ShouldBe(4);
        demo.ApiCalls30Days.ShouldBe(5);
        overview.PlatformKeyCalls.ShouldBe(1);
    }

    [Fact]
    public async Task Only_platform_staff_read_the_overview()
    {
        (await App.SendAsync(new GetPlatformOverviewQuery(), null)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        (await App.SendAsync(new GetPlatformOverviewQuery(), Admin, TestUsers.DemoTenant)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        (await App.SendAsync(new GetPlatformOverviewQuery(), _auditor)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task History_shows_the_connect_a_refresh_failure_a_reauthorization_and_a_suspension_newest_first()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        App.Salesforce.RevokeAllTokens();
        await AgeAccessTokenAsync(id);
        (await Tokens.GetAsync(DemoTenantId, id, CancellationToken.None)).IsSuccess.ShouldBeFalse();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Flow.ConnectAsync(Admin, App.Salesforce.Demo.Admin)).Value.ConnectionId.ShouldBe(id);
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        (await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant)).Value.Healthy.ShouldBeTrue();
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        (await App.SendAsync(new SuspendConnectionCommand(id, "Billing"), platformAdmin)).IsSuccess.ShouldBeTrue();

        var history = (await App.SendAsync(new GetConnectionHistoryQuery(id), Admin, TestUsers.DemoTenant)).Value;

        history.Connection.Status.ShouldBe(ConnectionStatus.Suspended);
        history.TenantSlug.ShouldBe(TestUsers.DemoTenant);
        history.OlderThan.ShouldBeNull();
        history.Entries.Select(e => e.At).ShouldBeInOrder(SortDirection.Descending);
        var kinds = history.Entries.Select(e => e.Kind).ToList();
        kinds[0].ShouldBe("connection.suspended");
        kinds.ShouldContain(ConnectionHistoryEntryDto.Checked);
        kinds.IndexOf("connection.reauthorized").ShouldBeLessThan(kinds.IndexOf("connection.needs_reauthorization"));
        kinds.IndexOf("connection.needs_reauthorization").ShouldBeLessThan(kinds.LastIndexOf("connection.authorized"));
        history.Entries.Single(e => e.Kind == "connection.needs_reauthorization").Failed.ShouldBeTrue();

        var platform = (await App.SendAsync(new GetPlatformConnectionHistoryQuery(id), _auditor)).Value;
        platform.Entries.Select(e => e.Kind).ShouldBe(kinds);
    }

    [Fact]
    public async Task History_of_another_tenants_connection_is_not_found_and_needs_the_view_permission()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        var other = await App.CreateTenantAsync("other", "admin@other.test");
        var stranger = await App.AddMemberAsync("nobody@demo.test", TestUsers.DemoTenant);

        (await App.SendAsync(new GetConnectionHistoryQuery(id), other, "other")).Error!.Kind.ShouldBe(ErrorKind.NotFound);
        (await App.SendAsync(new GetConnectionHistoryQuery(id), stranger, TestUsers.DemoTenant)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        (await App.SendAsync(new GetConnectionHistoryQuery(id), null, TestUsers.DemoTenant)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        (await App.SendAsync(new GetPlatformConnectionHistoryQuery(id), Admin, TestUsers.DemoTenant)).Error!.Kind.ShouldBe(
            ErrorKind.Forbidden
        );
    }

    [Fact]
    public async Task History_pages_by_time_without_losing_an_entry()
    {
        var id = await ConnectFreshAsync(App.Salesforce.Demo.Admin);
        for (var i = 0; i < 60; i++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            (await App.SendAsync(new VerifyConnectionCommand(id), Admin, TestUsers.DemoTenant)).IsSuccess.ShouldBeTrue();
        }

        var seen = new List<ConnectionHistoryEntryDto>();
        DateTimeOffset? before = null;
        do
        {
            var page = (await App.SendAsync(new GetConnectionHistoryQuery(id, before), Admin, TestUsers.DemoTenant)).Value;
            seen.AddRange(page.Entries);
            before = page.OlderThan;
        } while (before is not null);

        seen.Count(e => e.Kind == ConnectionHistoryEntryDto.Checked).ShouldBe(60);
        seen.Count(e => e.Kind == "connection.verify_requested").ShouldBe(60);
        seen.ShouldContain(e => e.Kind == "connection.authorized");
        seen.Select(e => e.At).ShouldBeInOrder(SortDirection.Descending);
    }
}
