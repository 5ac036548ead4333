using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>Taking a copy of the audit log is itself on record: who, when, with which filter, in the chain of what was copied.</summary>
public sealed class AuditExportRecordTests(ApplicationFixture app) : FunctionalTest(app)
{
    private static readonly DateTimeOffset From = new(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero);

    private Guid _demoId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _demoId = await App.TenantIdAsync(TestUsers.DemoTenant);
        await App.RecordAsync(_demoId, "member.added", "membership:1");
        await App.RecordAsync(null, "tenant.created", "tenant:demo");
    }

    [Fact]
    public async Task A_tenant_export_records_one_event_in_the_tenant_chain_with_its_filter()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var filter = new AuditEventFilter(
            Tenant: "other",
            Actor: TestUsers.DemoMember,
            Action: "member.*",
            Target: "membership:*",
            Outcome: AuditOutcome.Denied,
            From: From,
            To: From.AddDays(1)
        );

        await App.ExportAsync(new ExportTenantAuditEventsQuery(filter), admin, TestUsers.DemoTenant);

        var recorded = (await ExportRecordsAsync()).ShouldHaveSingleItem();
        recorded.TenantId.ShouldBe(_demoId);
        recorded.ChainKey.ShouldBe(AuditChain.KeyFor(_demoId));
        recorded.ActorName.ShouldBe(TestUsers.DemoAdmin);
        recorded.ActorId.ShouldBe(admin.UserId.ToString());
        recorded.Outcome.ShouldBe(AuditOutcome.Success);
        recorded.OccurredAt.ShouldBe(App.Clock.GetUtcNow(), TimeSpan.FromMilliseconds(1));
        var data = DataOf(recorded);
        data.GetValueOrDefault("tenant").ShouldBeNull("a tenant export never reaches past its tenant, whatever the filter said");
        data.GetValueOrDefault("actor").ShouldBe(TestUsers.DemoMember);
        data.GetValueOrDefault("action").ShouldBe("member.*");
        data.GetValueOrDefault("target").ShouldBe("membership:*");
        data.GetValueOrDefault("outcome").ShouldBe("Denied");
        DateTimeOffset.Parse(data.GetValueOrDefault("from")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(From);
        DateTimeOffset.Parse(data.GetValueOrDefault("to")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(From.AddDays(1));
    }

    [Fact]
    public async Task A_platform_export_records_one_event_in_the_platform_chain_naming_the_tenant_it_copied()
    {
        var auditor = await App.CreateUserAsync("auditor@natero.test", PlatformRoles.PlatformAuditor);

        await App.ExportAsync(
            new ExportAuditEventsQuery(new AuditEventFilter(Tenant: TestUsers.DemoTenant, Action: "member.added")),
            auditor
        );

        var recorded = (await ExportRecordsAsync()).ShouldHaveSingleItem();
        recorded.TenantId.ShouldBeNull();
        recorded.ChainKey.ShouldBe(AuditChain.PlatformKey);
        recorded.ActorName.ShouldBe("auditor@natero.test");
        recorded.ActorType.ShouldBe(ActorType.User);
        var data = DataOf(recorded);
        data.GetValueOrDefault("tenant").ShouldBe(TestUsers.DemoTenant);
        data.GetValueOrDefault("action").ShouldBe("member.added");
        data.GetValueOrDefault("actor").ShouldBeNull();
        data.GetValueOrDefault("outcome").ShouldBeNull();
    }

    [Fact]
    public async Task The_export_is_recorded_even_if_nobody_reads_it_and_the_chains_stay_intact()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);
        await using (var scope = await App.EnterAsync(admin, tenantSlug: null))
        {
            (
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExportAuditEventsQuery(AuditEventFilter.None))
            ).IsSuccess.ShouldBeTrue();
        }

        await App.ExportAsync(
            new ExportTenantAuditEventsQuery(AuditEventFilter.None),
            await App.UserAsync(TestUsers.DemoAdmin),
            TestUsers.DemoTenant
        );

        var records = await ExportRecordsAsync();
        records.Count.ShouldBe(2);
        records.Single(r => r.TenantId is null).ActorType.ShouldBe(ActorType.PlatformAdmin);
        (await App.SendAsync(new VerifyAuditChainQuery(null), admin)).Value.Intact.ShouldBeTrue();
        (await App.SendAsync(new VerifyAuditChainQuery(_demoId), admin)).Value.Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task An_export_of_an_unknown_tenant_is_empty_and_still_recorded()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);

        var (_, events) = await App.ExportAsync(new ExportAuditEventsQuery(new AuditEventFilter(Tenant: "no-such-tenant")), admin);

        events.ShouldBeEmpty();
        DataOf((await ExportRecordsAsync()).ShouldHaveSingleItem())["tenant"].ShouldBe("no-such-tenant");
    }

    [Fact]
    public async Task A_refused_export_records_the_refusal_and_no_export()
    {
        var member = await App.UserAsync(TestUsers.DemoMember);

        var result = await App.SendAsync(new ExportTenantAuditEventsQuery(AuditEventFilter.None), member, TestUsers.DemoTenant);

        result.IsSuccess.ShouldBeFalse();
        (await ExportRecordsAsync()).ShouldBeEmpty();
        var denied = (
            await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == "access.denied").ToListAsync())
        ).ShouldHaveSingleItem();
        DataOf(denied)["request"].ShouldBe(nameof(ExportTenantAuditEventsQuery));
    }

    private Task<List<AuditEvent>> ExportRecordsAsync() =>
        App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditTesting.ExportedAction).ToListAsync());

    private static Dictionary<string, string?> DataOf(AuditEvent e) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(e.Data.ShouldNotBeNull())!;
}
