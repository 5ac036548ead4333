using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>Each filter of the audit search alone and together, checked against the events as stored.</summary>
public sealed class AuditSearchFilterTests(ApplicationFixture app) : FunctionalTest(app)
{
    private Actor _platformAdmin = null!;
    private Actor _demoAdmin = null!;
    private Actor _demoMember = null!;
    private Guid _demoId;
    private Guid _otherId;
    private List<AuditEvent> _events = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        _demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);
        _demoMember = await App.UserAsync(TestUsers.DemoMember);
        _demoId = await App.TenantIdAsync(TestUsers.DemoTenant);
        var otherAdmin = await App.CreateTenantAsync("other");
        _otherId = await App.TenantIdAsync("other");

        // One event a minute, so that every event has its own time.
        var plan = new (Guid? Tenant, string Action, string? Target, AuditOutcome Outcome, Actor? Actor)[]
        {
            (_demoId, "member.added", "membership:1", AuditOutcome.Success, _demoAdmin),
            (_demoId, "member.removed", "membership:2", AuditOutcome.Failure, _demoAdmin),
            (_demoId, "member.permissions_changed", "membership:10", AuditOutcome.Denied, _demoMember),
            (_demoId, "connection.suspended", "connection:abc", AuditOutcome.Success, _platformAdmin),
            (_demoId, "connection.resumed", "connection:abd", AuditOutcome.Success, _platformAdmin),
            (_demoId, "access.denied", null, AuditOutcome.Denied, null),
            (_otherId, "member.added", "membership:1", AuditOutcome.Success, otherAdmin),
            (_otherId, "connection.suspended", "connection:abc", AuditOutcome.Failure, _platformAdmin),
            (_otherId, "member_x.added", "member_x:1", AuditOutcome.Success, otherAdmin),
            (_otherId, "memberXx.added", "memberXx:1", AuditOutcome.Success, otherAdmin),
            (null, "tenant.created", "tenant:other", AuditOutcome.Success, _platformAdmin),
            (null, "platform.token_keys_rotated", "token-keys", AuditOutcome.Failure, _platformAdmin),
            (null, "member.added", "membership:3", AuditOutcome.Denied, _demoAdmin),
        };
        foreach (var (tenant, action, target, outcome, actor) in plan)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(1));
            await App.RecordAsync(tenant, action, target, outcome, actor: actor);
        }

        _events = await App.AllEventsAsync();
    }

    public static TheoryData<string> Filters() =>
        [
            "actor-email",
            "actor-id",
            "actor-padded",
            "action-exact",
            "action-prefix",
            "action-star-only",
            "action-no-partial",
            "target-exact",
            "target-prefix",
            "target-no-partial",
            "outcome-success",
            "outcome-failure",
            "outcome-denied",
            "tenant-demo",
            "tenant-other",
            "tenant-padded-upper",
            "combined-tenant-action-outcome",
            "combined-actor-target-time",
        ];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_platform_search_returns_exactly_the_matching_events_newest_first(string name)
    {
        var (filter, tenantId, matches) = Case(name);
        var expected = _events.Where(e => tenantId is null || e.TenantId == tenantId).Where(matches).NewestFirst().Ids();

        var found = await App.SearchAllAsync(c => new SearchAuditEventsQuery(filter, c, 2), _platformAdmin, pageSize: 2);

        expected.ShouldNotBeEmpty($"the case {name} should match something");
        found.Ids().ShouldBe(expected);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_tenant_search_applies_the_same_filters_to_its_own_events_only(string name)
    {
        var (filter, _, matches) = Case(name);
        var expected = _events.Where(e => e.TenantId == _demoId).Where(matches).NewestFirst().Ids();

        // A tenant named in the filter is ignored: the tenant's search is always its own.
        var found = await App.SearchAllAsync(
            c => new SearchTenantAuditEventsQuery(filter, c, 2),
            _demoAdmin,
            TestUsers.DemoTenant,
            pageSize: 2
        );

        found.Ids().ShouldBe(expected);
    }

    [Fact]
    public async Task From_is_inclusive_and_to_is_exclusive_to_the_millisecond()
    {
        var ordered = _events.OrderBy(e => e.OccurredAt).ToList();
        var third = ordered[^3];

        var from = await SearchAsync(new AuditEventFilter(From: third.OccurredAt));
        var to = await SearchAsync(new AuditEventFilter(To: third.OccurredAt));
        var justAfter = await SearchAsync(new AuditEventFilter(From: third.OccurredAt.AddMilliseconds(1)));
        var exactly = await SearchAsync(new AuditEventFilter(From: third.OccurredAt, To: third.OccurredAt.AddMilliseconds(1)));

        from.Ids().ShouldBe(ordered[^3..].NewestFirst().Ids());
        to.Ids().ShouldBe(ordered[..^3].NewestFirst().Ids());
        justAfter.Ids().ShouldBe(ordered[^2..].NewestFirst().Ids());
        exactly.Ids().ShouldBe([third.Id]);
    }

    [Fact]
    public async Task A_time_range_given_in_another_offset_means_the_same_instants()
    {
        var ordered = _events.OrderBy(e => e.OccurredAt).ToList();
        var from = ordered[^5].OccurredAt;
        var to = ordered[^2].OccurredAt;
        var utc = await SearchAsync(new AuditEventFilter(From: from, To: to));

        // The same instants, as a client in Berlin (UTC+2 in summer) or New York (UTC-5) would send them.
        var berlin = await App.SendAsync(
            new SearchAuditEventsQuery(
                new AuditEventFilter(From: from.ToOffset(TimeSpan.FromHours(2)), To: to.ToOffset(TimeSpan.FromHours(2)))
            ),
            _platformAdmin
        );
        var newYork = await App.SendAsync(
            new SearchAuditEventsQuery(
                new AuditEventFilter(From: from.ToOffset(TimeSpan.FromHours(-5)), To: to.ToOffset(TimeSpan.FromHours(-5)))
            ),
            _platformAdmin
        );

        utc.Count.ShouldBe(3);
        berlin.IsSuccess.ShouldBeTrue(berlin.Error?.Message);
        berlin.Value.Events.Ids().ShouldBe(utc.Ids());
        newYork.Value.Events.Ids().ShouldBe(utc.Ids());
    }

    [Fact]
    public async Task An_unknown_tenant_slug_gives_an_empty_last_page()
    {
        var page = await App.SendAsync(new SearchAuditEventsQuery(new AuditEventFilter(Tenant: "no-such-tenant")), _platformAdmin);

        page.IsSuccess.ShouldBeTrue();
        page.Value.Events.ShouldBeEmpty();
        page.Value.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_gives_an_empty_last_page()
    {
        var page = await App.SendAsync(
            new SearchAuditEventsQuery(new AuditEventFilter(Action: "member.added", Outcome: AuditOutcome.Failure)),
            _platformAdmin
        );

        page.Value.Events.ShouldBeEmpty();
        page.Value.NextCursor.ShouldBeNull();
    }

    [Fact]
    public async Task Prefix_matching_is_case_sensitive_like_exact_matching_on_every_database()
    {
        var upperPrefix = await SearchAsync(new AuditEventFilter(Action: "MEMBER.*"));
        var upperExact = await SearchAsync(new AuditEventFilter(Action: "MEMBER.ADDED"));
        var upperTarget = await SearchAsync(new AuditEventFilter(Target: "CONNECTION:*"));

        upperPrefix.ShouldBeEmpty();
        upperExact.ShouldBeEmpty();
        upperTarget.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_tenant_search_ignores_a_tenant_named_in_the_filter()
    {
        var found = await App.SearchAllAsync(
            c => new SearchTenantAuditEventsQuery(new AuditEventFilter(Tenant: "other"), c),
            _demoAdmin,
            TestUsers.DemoTenant
        );

        found.Ids().ShouldBe(_events.Where(e => e.TenantId == _demoId).NewestFirst().Ids());
    }

    /// <summary>A filter, the tenant it names (if any) and what it should match besides the tenant.</summary>
    private (AuditEventFilter Filter, Guid? TenantId, Func<AuditEvent, bool> Matches) Case(string name)
    {
        var ordered = _events.OrderBy(e => e.OccurredAt).ToList();
        var (from, to) = (ordered[2].OccurredAt, ordered[^3].OccurredAt);
        return name switch
        {
            "tenant-demo" => (new(Tenant: TestUsers.DemoTenant), _demoId, _ => true),
            "tenant-other" => (new(Tenant: "other"), _otherId, _ => true),
            "tenant-padded-upper" => (new(Tenant: " DEMO "), _demoId, _ => true),
            "combined-tenant-action-outcome" => (
                new(Tenant: TestUsers.DemoTenant, Action: "member.*", Outcome: AuditOutcome.Success),
                _demoId,
                e => e.Action.StartsWith("member.", StringComparison.Ordinal) && e.Outcome == AuditOutcome.Success
            ),
            _ => Untenanted(name, from, to),
        };
    }

    private (AuditEventFilter Filter, Guid? TenantId, Func<AuditEvent, bool> Matches) Untenanted(
        string name,
        DateTimeOffset from,
        DateTimeOffset to
    )
    {
        (AuditEventFilter Filter, Func<AuditEvent, bool> Matches) chosen = name switch
        {
            "actor-email" => (new(Actor: TestUsers.DemoAdmin), e => e.ActorName == TestUsers.DemoAdmin),
            "actor-id" => (new(Actor: _platformAdmin.UserId.ToString()), e => e.ActorId == _platformAdmin.UserId.ToString()),
            "actor-padded" => (new(Actor: $"  {TestUsers.DemoMember} "), e => e.ActorName == TestUsers.DemoMember),
            "action-exact" => (new(Action: "member.added"), e => e.Action == "member.added"),
            "action-prefix" => (new(Action: "member.*"), e => e.Action.StartsWith("member.", StringComparison.Ordinal)),
            "action-star-only" => (new(Action: "*"), _ => true),
            "action-no-partial" => (new(Action: "member_x*"), e => e.Action.StartsWith("member_x", StringComparison.Ordinal)),
            "target-exact" => (new(Target: "membership:1"), e => e.Target == "membership:1"),
            "target-prefix" => (new(Target: "connection:ab*"), e =>
                e.Target?.StartsWith("connection:ab", StringComparison.Ordinal) == true
            ),
            "target-no-partial" => (new(Target: "member_x:*"), e => e.Target?.StartsWith("member_x:", StringComparison.Ordinal) == true),
            "outcome-success" => (new(Outcome: AuditOutcome.Success), e => e.Outcome == AuditOutcome.Success),
            "outcome-failure" => (new(Outcome: AuditOutcome.Failure), e => e.Outcome == AuditOutcome.Failure),
            "outcome-denied" => (new(Outcome: AuditOutcome.Denied), e => e.Outcome == AuditOutcome.Denied),
            "combined-actor-target-time" => (new(Actor: _platformAdmin.Email, Target: "connection:*", From: from, To: to), e =>
                e.ActorName == _platformAdmin.Email
                && e.Target?.StartsWith("connection:", StringComparison.Ordinal) == true
                && e.OccurredAt >= from
                && e.OccurredAt < to
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        return (chosen.Filter, null, chosen.Matches);
    }

    private Task<List<Application.Audit.AuditEventDto>> SearchAsync(AuditEventFilter filter) =>
        App.SearchAllAsync(c => new SearchAuditEventsQuery(filter, c), _platformAdmin);
}
