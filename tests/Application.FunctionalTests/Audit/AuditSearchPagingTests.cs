using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>Keyset paging newest first: every event exactly once, whatever the page size, ties and later appends.</summary>
public sealed class AuditSearchPagingTests(ApplicationFixture app) : FunctionalTest(app)
{
    private Actor _platformAdmin = null!;
    private Guid _demoId;
    private Guid _otherId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        _demoId = await App.TenantIdAsync(TestUsers.DemoTenant);
        await App.CreateTenantAsync("other");
        _otherId = await App.TenantIdAsync("other");
        App.Clock.Advance(TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    public async Task Walking_every_page_returns_every_event_once_newest_first(int pageSize)
    {
        await RecordAcrossTenantsAsync(123, advance: TimeSpan.FromSeconds(1));
        var expected = (await App.AllEventsAsync()).NewestFirst().Ids();

        var walked = await App.SearchAllAsync(
            c => new SearchAuditEventsQuery(AuditEventFilter.None, c, pageSize),
            _platformAdmin,
            pageSize: pageSize
        );

        expected.Count.ShouldBeGreaterThan(120);
        walked.Ids().ShouldBe(expected);
        walked.Select(e => e.TenantSlug).Distinct().Order(StringComparer.Ordinal).ShouldBe([null, "demo", "other"]);
    }

    [Fact]
    public async Task A_page_size_that_divides_the_events_ends_on_a_full_page_without_an_empty_one_after_it()
    {
        var before = (await App.AllEventsAsync()).Count;
        await RecordAcrossTenantsAsync(50 - before, advance: TimeSpan.FromSeconds(1));

        var first = (await App.SendAsync(new SearchAuditEventsQuery(AuditEventFilter.None, null, 25), _platformAdmin)).Value;
        var second = (await App.SendAsync(new SearchAuditEventsQuery(AuditEventFilter.None, first.NextCursor, 25), _platformAdmin)).Value;

        first.Events.Count.ShouldBe(25);
        first.NextCursor.ShouldNotBeNull();
        second.Events.Count.ShouldBe(25);
        second.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task Events_appended_while_paging_do_not_shift_or_repeat_later_pages_and_only_show_on_a_fresh_first_page()
    {
        await RecordAcrossTenantsAsync(60, advance: TimeSpan.FromSeconds(1));
        var before = (await App.AllEventsAsync()).NewestFirst().Ids();
        var walked = new List<Guid>();
        var appended = new List<Guid>();

        string? cursor = null;
        var page = 0;
        do
        {
            var result = (await App.SendAsync(new SearchAuditEventsQuery(AuditEventFilter.None, cursor, 7), _platformAdmin)).Value;
            walked.AddRange(result.Events.Select(e => e.Id));
            cursor = result.NextCursor;

            // Between two fetches, new events arrive in every chain.
            App.Clock.Advance(TimeSpan.FromSeconds(1));
            appended.Add((await App.RecordAsync(page % 2 == 0 ? _demoId : null, "test.appended", $"late:{page}")).Id);
            page++;
        } while (cursor is not null);

        walked.ShouldBe(before);
        var fresh = (await App.SendAsync(new SearchAuditEventsQuery(AuditEventFilter.None, null, 200), _platformAdmin)).Value;
        fresh.Events.Take(appended.Count).Select(e => e.Id).ShouldBe(Enumerable.Reverse(appended));
        fresh.Events.Skip(appended.Count).Select(e => e.Id).ShouldBe(before);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(50)]
    public async Task Events_of_the_same_millisecond_are_paged_without_loss_or_repeat(int pageSize)
    {
        // The clock stands still: every event shares one timestamp, and only the id orders them.
        var recorded = new List<Guid>();
        for (var i = 0; i < 130; i++)
        {
            recorded.Add(
                (
                    await App.RecordAsync(
                        i % 3 == 0 ? null
                            : i % 3 == 1 ? _demoId
                            : _otherId,
                        "test.tie",
                        $"tie:{i}"
                    )
                ).Id
            );
        }

        var walked = await App.SearchAllAsync(
            c => new SearchAuditEventsQuery(new AuditEventFilter(Action: "test.tie"), c, pageSize),
            _platformAdmin,
            pageSize: pageSize
        );

        walked.Count.ShouldBe(130);
        walked.Ids().Distinct().Count().ShouldBe(130);
        walked.Ids().ShouldBe(recorded, ignoreOrder: true);
        walked.Select(e => e.OccurredAt).Distinct().ShouldHaveSingleItem();

        // Whatever the page size, the same order: the one a single page shows.
        var single = (
            await App.SendAsync(new SearchAuditEventsQuery(new AuditEventFilter(Action: "test.tie"), null, 200), _platformAdmin)
        ).Value;
        walked.Ids().ShouldBe(single.Events.Ids());
    }

    [Fact]
    public async Task A_tie_across_a_page_boundary_within_one_tenant_is_paged_without_loss()
    {
        var demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 40; i++)
        {
            await App.RecordAsync(_demoId, "test.tie", $"tie:{i}");
            await App.RecordAsync(_otherId, "test.tie", $"other:{i}");
        }

        var walked = await App.SearchAllAsync(
            c => new SearchTenantAuditEventsQuery(AuditEventFilter.None, c, 3),
            demoAdmin,
            TestUsers.DemoTenant,
            pageSize: 3
        );

        walked.Count.ShouldBe(40);
        walked.Select(e => e.Target).Distinct().Count().ShouldBe(40);
        walked.ShouldAllBe(e => e.TenantId == _demoId);
    }

    [Fact]
    public async Task A_tenant_walk_returns_the_tenant_events_once_in_the_order_of_the_platform_walk()
    {
        await RecordAcrossTenantsAsync(90, advance: TimeSpan.FromMilliseconds(1));
        var demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);

        var tenantWalk = await App.SearchAllAsync(
            c => new SearchTenantAuditEventsQuery(AuditEventFilter.None, c, 7),
            demoAdmin,
            TestUsers.DemoTenant,
            pageSize: 7
        );
        var platformWalk = await App.SearchAllAsync(
            c => new SearchAuditEventsQuery(new AuditEventFilter(Tenant: TestUsers.DemoTenant), c, 11),
            _platformAdmin,
            pageSize: 11
        );

        tenantWalk.Count.ShouldBe(30);
        tenantWalk.Ids().ShouldBe(platformWalk.Ids());
    }

    /// <summary>
    /// Records <paramref name="count"/> events in turn in demo, other and the platform, the clock moving on by <paramref
    /// name="advance"/> each time.
    /// </summary>
    private async Task RecordAcrossTenantsAsync(int count, TimeSpan advance)
    {
        for (var i = 0; i < count; i++)
        {
            Guid? tenant = (i % 3) switch
            {
                0 => _demoId,
                1 => _otherId,
                _ => null,
            };
            await App.RecordAsync(tenant, $"test.event{i % 4}", $"item:{i}", (AuditOutcome)(i % 3));
            App.Clock.Advance(advance);
        }
    }
}
