using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>A tenant verifies its own chain; staff name a chain by tenant id or slug.</summary>
public sealed class AuditVerifyTests(ApplicationFixture app) : FunctionalTest(app)
{
    private Actor _demoAdmin = null!;
    private Actor _otherAdmin = null!;
    private Actor _platformAdmin = null!;
    private Guid _demoId;
    private Guid _otherId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);
        _platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        _otherAdmin = await App.CreateTenantAsync("other");
        _demoId = await App.TenantIdAsync(TestUsers.DemoTenant);
        _otherId = await App.TenantIdAsync("other");
        for (var i = 0; i < 5; i++)
        {
            await App.RecordAsync(_demoId, "member.added", $"membership:{i}", reason: $"event {i}", actor: _demoAdmin);
            await App.RecordAsync(_otherId, "member.added", $"membership:{i}", actor: _otherAdmin);
        }
    }

    [Fact]
    public async Task A_tenant_admin_verifies_an_untouched_chain_as_intact()
    {
        var result = await App.SendAsync(new VerifyTenantAuditChainQuery(), _demoAdmin, TestUsers.DemoTenant);

        result.Value.Intact.ShouldBeTrue();
        result.Value.ChainKey.ShouldBe(AuditChain.KeyFor(_demoId));
        result.Value.EventsChecked.ShouldBe(5);
        result.Value.BrokenAtSeq.ShouldBeNull();
        result.Value.Problem.ShouldBeNull();
        result.Value.Message.ShouldBe("Intact: all 5 events are in place and unaltered.");
    }

    [Fact]
    public async Task A_tenant_with_no_events_has_an_empty_chain_that_is_intact()
    {
        // A tenant made without any command (so without its invitation's events), as a data migration might.
        await App.QueryDbAsync(async db =>
        {
            db.Tenants.Add(Domain.Tenants.Tenant.Create(Guid.CreateVersion7(), Domain.Tenants.TenantSlug.Parse("third"), "Third"));
            return await db.SaveChangesAsync();
        });
        var third = await App.AddMemberAsync("admin@third.test", "third", Domain.Authorization.Permissions.Audit.View);

        var result = await App.SendAsync(new VerifyTenantAuditChainQuery(), third, "third");

        result.Value.Intact.ShouldBeTrue();
        result.Value.EventsChecked.ShouldBe(0);
        result.Value.Message.ShouldBe("The chain has no events yet.");
    }

    [Fact]
    public async Task A_tenant_admin_finds_an_altered_event_by_its_position()
    {
        await MaintenanceAsync(
            $"UPDATE \"AuditEvents\" SET \"Reason\" = 'nothing to see' WHERE \"ChainKey\" = '{_demoId:N}' AND \"Seq\" = 2"
        );

        var result = await App.SendAsync(new VerifyTenantAuditChainQuery(), _demoAdmin, TestUsers.DemoTenant);

        result.Value.Intact.ShouldBeFalse();
        result.Value.BrokenAtSeq.ShouldBe(2);
        result.Value.EventsChecked.ShouldBe(1);
        result.Value.Problem.ShouldBe(AuditChainProblem.Altered);
        result.Value.Message.ShouldBe("Event 2 was altered after it was recorded: its content no longer matches its hash.");
    }

    [Fact]
    public async Task A_tenant_admin_finds_a_removed_event()
    {
        await MaintenanceAsync($"DELETE FROM \"AuditEvents\" WHERE \"ChainKey\" = '{_demoId:N}' AND \"Seq\" = 4");

        var result = await App.SendAsync(new VerifyTenantAuditChainQuery(), _demoAdmin, TestUsers.DemoTenant);

        result.Value.BrokenAtSeq.ShouldBe(4);
        result.Value.Problem.ShouldBe(AuditChainProblem.Missing);
    }

    [Fact]
    public async Task Breaking_one_tenant_chain_leaves_the_others_intact()
    {
        await MaintenanceAsync($"UPDATE \"AuditEvents\" SET \"Reason\" = 'rewritten' WHERE \"ChainKey\" = '{_otherId:N}' AND \"Seq\" = 1");

        (await App.SendAsync(new VerifyTenantAuditChainQuery(), _demoAdmin, TestUsers.DemoTenant)).Value.Intact.ShouldBeTrue();
        (await App.SendAsync(new VerifyTenantAuditChainQuery(), _otherAdmin, "other")).Value.BrokenAtSeq.ShouldBe(1);
        (await App.SendAsync(new VerifyAuditChainQuery(null), _platformAdmin)).Value.Intact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("demo")]
    [InlineData(" Demo ")]
    public async Task Staff_name_a_chain_by_the_tenant_slug_and_get_the_same_answer_as_by_its_id(string slug)
    {
        await MaintenanceAsync($"UPDATE \"AuditEvents\" SET \"Reason\" = 'rewritten' WHERE \"ChainKey\" = '{_demoId:N}' AND \"Seq\" = 3");

        var bySlug = await App.SendAsync(new VerifyAuditChainQuery(null, slug), _platformAdmin);
        var byId = await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin);
        var byTenant = await App.SendAsync(new VerifyTenantAuditChainQuery(), _demoAdmin, TestUsers.DemoTenant);

        bySlug.Value.ShouldBe(byId.Value);
        bySlug.Value.ShouldBe(byTenant.Value);
        bySlug.Value.ChainKey.ShouldBe(AuditChain.KeyFor(_demoId));
        bySlug.Value.BrokenAtSeq.ShouldBe(3);
    }

    [Fact]
    public async Task An_unknown_slug_is_not_found_rather_than_the_platform_chain()
    {
        var result = await App.SendAsync(new VerifyAuditChainQuery(null, "no-such-tenant"), _platformAdmin);

        result.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        result.Error.Message.ShouldContain("no-such-tenant");
    }

    [Fact]
    public async Task Neither_id_nor_slug_verifies_the_platform_chain()
    {
        await App.RecordAsync(null, "tenant.created");

        var result = await App.SendAsync(new VerifyAuditChainQuery(null, "  "), _platformAdmin);

        result.Value.ChainKey.ShouldBe(AuditChain.PlatformKey);
        result.Value.Intact.ShouldBeTrue();
        result.Value.EventsChecked.ShouldBe(3, "the other tenant's creation, its admin's new account and the event above");
    }

    private async Task MaintenanceAsync(string sql)
    {
        await using var connection = App.Database.OpenConnection();
        await App.Database.AsMaintenanceAsync(connection, sql);
    }
}
