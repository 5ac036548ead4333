using Mediator;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.GetAuditEvent;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>Who reads which audit events: a tenant its own, Natero staff all of them, nobody else any.</summary>
public sealed class AuditAccessTests(ApplicationFixture app) : FunctionalTest(app)
{
    private Actor _platformAdmin = null!;
    private Actor _auditor = null!;
    private Actor _demoAdmin = null!;
    private Actor _otherAdmin = null!;
    private Guid _demoId;
    private Guid _otherId;
    private AuditEvent _demoEvent = null!;
    private AuditEvent _otherEvent = null!;
    private AuditEvent _platformEvent = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        _auditor = await App.CreateUserAsync("auditor@natero.test", PlatformRoles.PlatformAuditor);
        _demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);
        _otherAdmin = await App.CreateTenantAsync("other");
        _demoId = await App.TenantIdAsync(TestUsers.DemoTenant);
        _otherId = await App.TenantIdAsync("other");
        for (var i = 0; i < 3; i++)
        {
            App.Clock.Advance(TimeSpan.FromSeconds(1));
            _demoEvent = await App.RecordAsync(_demoId, "member.added", $"membership:demo{i}", actor: _demoAdmin);
            _otherEvent = await App.RecordAsync(_otherId, "member.added", $"membership:other{i}", actor: _otherAdmin);
            _platformEvent = await App.RecordAsync(null, "platform.token_keys_rotated", "token-keys", actor: _platformAdmin);
        }
    }

    [Fact]
    public async Task A_tenant_admin_searches_only_its_own_tenant_events()
    {
        var found = await App.SearchAllAsync(
            c => new SearchTenantAuditEventsQuery(AuditEventFilter.None, c, 2),
            _demoAdmin,
            TestUsers.DemoTenant,
            pageSize: 2
        );
        var byOther = await App.SearchAllAsync(
            c => new SearchTenantAuditEventsQuery(new AuditEventFilter(Tenant: TestUsers.DemoTenant), c),
            _otherAdmin,
            "other"
        );

        found.Ids().ShouldBe((await App.AllEventsAsync()).Where(e => e.TenantId == _demoId).NewestFirst().Ids());
        found.ShouldAllBe(e => e.TenantId == _demoId && e.TenantSlug == TestUsers.DemoTenant && e.ChainKey == AuditChain.KeyFor(_demoId));
        byOther.ShouldNotBeEmpty();
        byOther.ShouldAllBe(e => e.TenantId == _otherId);
    }

    [Fact]
    public async Task A_tenant_admin_reads_its_own_event_and_no_other_tenant_or_platform_event()
    {
        var own = await App.SendAsync(new GetTenantAuditEventQuery(_demoEvent.Id), _demoAdmin, TestUsers.DemoTenant);
        var other = await App.SendAsync(new GetTenantAuditEventQuery(_otherEvent.Id), _demoAdmin, TestUsers.DemoTenant);
        var platform = await App.SendAsync(new GetTenantAuditEventQuery(_platformEvent.Id), _demoAdmin, TestUsers.DemoTenant);
        var nothing = await App.SendAsync(new GetTenantAuditEventQuery(Guid.NewGuid()), _demoAdmin, TestUsers.DemoTenant);

        own.Value.Id.ShouldBe(_demoEvent.Id);
        own.Value.Hash.ShouldBe(_demoEvent.Hash);
        other.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        platform.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        nothing.Error!.Kind.ShouldBe(ErrorKind.NotFound);

        // Another tenant's event is as absent as an event that never existed: the words do not tell them apart.
        other.Error.Message.ShouldBe(nothing.Error.Message);
    }

    [Fact]
    public async Task A_tenant_admin_exports_only_its_own_tenant_events()
    {
        var (fileName, events) = await App.ExportAsync(
            new ExportTenantAuditEventsQuery(new AuditEventFilter(Tenant: "other")),
            _demoAdmin,
            TestUsers.DemoTenant
        );

        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => e.TenantId == _demoId);
        events.Ids().ShouldNotContain(_otherEvent.Id);
        events.Ids().ShouldNotContain(_platformEvent.Id);
        fileName.ShouldStartWith("demo-audit-");
    }

    [Fact]
    public async Task A_tenant_admin_verifies_only_its_own_chain()
    {
        var demoCount = (await App.AllEventsAsync()).Count(e => e.TenantId == _demoId);

        var result = await App.SendAsync(new VerifyTenantAuditChainQuery(), _demoAdmin, TestUsers.DemoTenant);

        result.Value.ChainKey.ShouldBe(AuditChain.KeyFor(_demoId));
        result.Value.Intact.ShouldBeTrue();
        result.Value.EventsChecked.ShouldBe(demoCount);
    }

    [Fact]
    public async Task A_member_without_view_audit_log_is_forbidden_every_tenant_audit_query_and_each_refusal_is_recorded()
    {
        var member = await App.UserAsync(TestUsers.DemoMember);
        var before = await App.QueryDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "access.denied"));

        foreach (var query in TenantQueries(_demoEvent.Id))
        {
            var error = await ErrorOfAsync(query, member, TestUsers.DemoTenant);
            error.Kind.ShouldBe(ErrorKind.Forbidden, query.GetType().Name);
            error.Message.ShouldContain("View audit log");
        }

        var denied = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "access.denied").ToListAsync());
        denied.Count.ShouldBe(before + 4);
        denied.ShouldAllBe(e => e.TenantId == _demoId && e.ActorName == TestUsers.DemoMember && e.Outcome == AuditOutcome.Denied);
        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditTesting.ExportedAction))).ShouldBe(0);
    }

    [Fact]
    public async Task An_admin_of_another_tenant_finds_no_such_tenant_for_every_tenant_audit_query()
    {
        foreach (var query in TenantQueries(_demoEvent.Id))
        {
            (await ErrorOfAsync(query, _otherAdmin, TestUsers.DemoTenant)).Kind.ShouldBe(ErrorKind.NotFound, query.GetType().Name);
        }
    }

    [Fact]
    public async Task Natero_staff_are_not_members_and_find_no_such_tenant_through_the_tenant_queries()
    {
        foreach (var staff in new[] { _platformAdmin, _auditor })
        {
            foreach (var query in TenantQueries(_demoEvent.Id))
            {
                (await ErrorOfAsync(query, staff, TestUsers.DemoTenant)).Kind.ShouldBe(ErrorKind.NotFound, query.GetType().Name);
            }
        }
    }

    [Fact]
    public async Task Nobody_signed_in_is_unauthorized_for_every_audit_query()
    {
        foreach (var query in TenantQueries(_demoEvent.Id))
        {
            (await ErrorOfAsync(query, null, TestUsers.DemoTenant)).Kind.ShouldBe(ErrorKind.Unauthorized, query.GetType().Name);
        }

        foreach (var query in PlatformQueries(_demoEvent.Id))
        {
            (await ErrorOfAsync(query, null, null)).Kind.ShouldBe(ErrorKind.Unauthorized, query.GetType().Name);
        }
    }

    [Fact]
    public async Task A_tenant_admin_is_forbidden_every_platform_audit_query_inside_or_outside_the_tenant()
    {
        foreach (var tenant in new[] { null, TestUsers.DemoTenant })
        {
            foreach (var query in PlatformQueries(_demoEvent.Id))
            {
                var error = await ErrorOfAsync(query, _demoAdmin, tenant);
                error.Kind.ShouldBe(ErrorKind.Forbidden, query.GetType().Name);
                error.Message.ShouldContain(PlatformRoles.PlatformAuditor);
            }
        }
    }

    [Fact]
    public async Task Platform_admin_and_auditor_see_every_tenant_and_the_platform()
    {
        var all = (await App.AllEventsAsync()).NewestFirst().Ids();
        foreach (var staff in new[] { _platformAdmin, _auditor })
        {
            var found = await App.SearchAllAsync(c => new SearchAuditEventsQuery(AuditEventFilter.None, c), staff);
            found.Ids().ShouldBe(all);

            foreach (var e in new[] { _demoEvent, _otherEvent, _platformEvent })
            {
                var one = await App.SendAsync(new GetAuditEventQuery(e.Id), staff);
                one.Value.Id.ShouldBe(e.Id);
                one.Value.TenantSlug.ShouldBe(
                    e.TenantId == _demoId ? TestUsers.DemoTenant
                    : e.TenantId == _otherId ? "other"
                    : null
                );
            }

            (await App.SendAsync(new GetAuditEventQuery(Guid.NewGuid()), staff)).Error!.Kind.ShouldBe(ErrorKind.NotFound);
            foreach (var (id, slug) in new (Guid?, string?)[] { (_demoId, null), (null, "other"), (null, null) })
            {
                (await App.SendAsync(new VerifyAuditChainQuery(id, slug), staff)).Value.Intact.ShouldBeTrue();
            }
        }
    }

    [Fact]
    public async Task The_auditor_exports_every_tenant_and_the_platform()
    {
        var (fileName, events) = await App.ExportAsync(new ExportAuditEventsQuery(AuditEventFilter.None), _auditor);

        events.Select(e => e.TenantSlug).Distinct().Order(StringComparer.Ordinal).ShouldBe([null, "demo", "other"]);
        events.Ids().ShouldContain(_demoEvent.Id);
        events.Ids().ShouldContain(_otherEvent.Id);
        events.Ids().ShouldContain(_platformEvent.Id);
        fileName.ShouldStartWith("natero-audit-");
        fileName.ShouldEndWith(".csv");
    }

    private static IEnumerable<object> TenantQueries(Guid eventId) =>
        [
            new SearchTenantAuditEventsQuery(AuditEventFilter.None),
            new GetTenantAuditEventQuery(eventId),
            new ExportTenantAuditEventsQuery(AuditEventFilter.None),
            new VerifyTenantAuditChainQuery(),
        ];

    private IEnumerable<object> PlatformQueries(Guid eventId) =>
        [
            new SearchAuditEventsQuery(AuditEventFilter.None),
            new GetAuditEventQuery(eventId),
            new ExportAuditEventsQuery(AuditEventFilter.None),
            new VerifyAuditChainQuery(_demoId),
            new VerifyAuditChainQuery(null, TestUsers.DemoTenant),
            new VerifyAuditChainQuery(null),
        ];

    /// <summary>Sends any of the audit queries and returns its error; a success fails the test.</summary>
    private async Task<Error> ErrorOfAsync(object query, Actor? actor, string? tenant)
    {
        Result result = query switch
        {
            IQuery<Result<AuditEventPage>> q => await App.SendAsync(q, actor, tenant),
            IQuery<Result<Application.Audit.AuditEventDto>> q => await App.SendAsync(q, actor, tenant),
            IQuery<Result<AuditExport>> q => await App.SendAsync(q, actor, tenant),
            IQuery<Result<AuditChainVerificationDto>> q => await App.SendAsync(q, actor, tenant),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.GetType().Name, null),
        };
        result.IsSuccess.ShouldBeFalse($"{query.GetType().Name} should be refused");
        return result.Error!;
    }
}
