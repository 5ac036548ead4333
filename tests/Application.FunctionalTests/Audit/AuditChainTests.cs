using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>U2: the database refuses to change audit rows, and the chain verifier finds the first broken link.</summary>
public sealed class AuditChainTests(ApplicationFixture app) : FunctionalTest(app)
{
    private Guid _demoId;
    private Actor _platformAdmin = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _demoId = await App.QueryDbAsync(db => db.Tenants.Where(t => t.Slug == TestUsers.DemoTenant).Select(t => t.Id).SingleAsync());
        _platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
    }

    [Fact]
    public async Task U2_the_database_refuses_to_update_an_audit_event()
    {
        await RecordAsync(3);

        await using var connection = App.Database.OpenConnection();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE \"AuditEvents\" SET \"Reason\" = 'rewritten'";

        (await Should.ThrowAsync<Exception>(() => update.ExecuteNonQueryAsync())).Message.ShouldContain("append-only");
        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync(e => e.Reason == "rewritten"))).ShouldBe(0);
    }

    [Fact]
    public async Task U2_the_database_refuses_to_delete_an_audit_event()
    {
        await RecordAsync(3);

        await using var connection = App.Database.OpenConnection();
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM \"AuditEvents\"";

        (await Should.ThrowAsync<Exception>(() => delete.ExecuteNonQueryAsync())).Message.ShouldContain("append-only");
        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync())).ShouldBe(3);
    }

    [Fact]
    public async Task Each_tenant_and_the_platform_have_their_own_chain_numbered_from_one()
    {
        await RecordAsync(3);
        await RecordAsync(2, platform: true);

        var events = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());

        events.Where(e => e.TenantId == _demoId).Select(e => e.Seq).Order().ShouldBe([1L, 2, 3]);
        events.Where(e => e.TenantId is null).Select(e => e.Seq).Order().ShouldBe([1L, 2]);
        events.Single(e => e.TenantId == _demoId && e.Seq == 1).PrevHash.ShouldBe(AuditChain.GenesisHash);
        events
            .Single(e => e.TenantId == _demoId && e.Seq == 2)
            .PrevHash.ShouldBe(events.Single(e => e.TenantId == _demoId && e.Seq == 1).Hash);
    }

    [Fact]
    public async Task An_untouched_chain_verifies_as_intact()
    {
        await RecordAsync(5);

        var result = await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin);

        result.Value.Intact.ShouldBeTrue();
        result.Value.EventsChecked.ShouldBe(5);
        result.Value.Message.ShouldBe("Intact: all 5 events are in place and unaltered.");
    }

    [Fact]
    public async Task U2_an_altered_event_is_found_by_its_sequence_number()
    {
        await RecordAsync(5);

        await MaintenanceAsync(
            $"UPDATE \"AuditEvents\" SET \"Reason\" = 'nothing to see' WHERE \"ChainKey\" = '{_demoId:N}' AND \"Seq\" = 3"
        );

        var result = await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin);
        result.Value.Intact.ShouldBeFalse();
        result.Value.BrokenAtSeq.ShouldBe(3);
        result.Value.Problem.ShouldBe(AuditChainProblem.Altered);
    }

    [Fact]
    public async Task U2_a_removed_event_is_found_by_the_gap_it_leaves()
    {
        await RecordAsync(5);

        await MaintenanceAsync($"DELETE FROM \"AuditEvents\" WHERE \"ChainKey\" = '{_demoId:N}' AND \"Seq\" = 2");

        var result = await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin);
        result.Value.BrokenAtSeq.ShouldBe(2);
        result.Value.Problem.ShouldBe(AuditChainProblem.Missing);
    }

    [Fact]
    public async Task U2_an_inserted_event_is_found_because_it_does_not_follow_its_predecessor()
    {
        await RecordAsync(3);
        await RecordAsync(1, platform: true);

        // A genuine event of another chain, moved into this one at the next position.
        await MaintenanceAsync($"UPDATE \"AuditEvents\" SET \"ChainKey\" = '{_demoId:N}', \"Seq\" = 4 WHERE \"ChainKey\" = 'platform'");

        var result = await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin);
        result.Value.BrokenAtSeq.ShouldBe(4);
        result.Value.Problem.ShouldBe(AuditChainProblem.Inserted);
    }

    [Fact]
    public async Task Fifty_concurrent_writers_leave_one_intact_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RecordAsync(1)));

        var result = await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin);

        result.Value.Intact.ShouldBeTrue(result.Value.Message);
        result.Value.EventsChecked.ShouldBe(50);
    }

    [Fact]
    public async Task A_save_of_audit_events_alone_returns_once_they_are_sealed_and_committed()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var recorded = scope
            .ServiceProvider.GetRequiredService<IAuditTrail>()
            .Record("test.event", "item:1", AuditOutcome.Success, "alone", _demoId);
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();

        (await db.SaveChangesAsync()).ShouldBe(1);

        recorded.Seq.ShouldBe(1);
        db.AuditEvents.Entry(recorded).State.ShouldBe(EntityState.Unchanged);
        (await App.QueryDbAsync(d => d.AuditEvents.CountAsync(e => e.Reason == "alone"))).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_audit_only_saves_on_two_chains_seal_both_without_a_gap()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => RecordAsync(1 + (i % 3), platform: i % 2 == 0)));

        var events = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().ToListAsync());
        var tenant = events.Where(e => e.TenantId == _demoId).Select(e => e.Seq).Order().ToList();
        var platform = events.Where(e => e.TenantId is null).Select(e => e.Seq).Order().ToList();
        tenant.ShouldBe(Enumerable.Range(1, tenant.Count).Select(n => (long)n));
        platform.ShouldBe(Enumerable.Range(1, platform.Count).Select(n => (long)n));
        (tenant.Count + platform.Count).ShouldBe(Enumerable.Range(0, 40).Sum(i => 1 + (i % 3)));
        var result = await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin);
        result.Value.Intact.ShouldBeTrue(result.Value.Message);
    }

    [Fact]
    public async Task Only_platform_staff_may_verify_a_chain()
    {
        var tenantAdmin = await App.UserAsync(TestUsers.DemoAdmin);
        var auditor = await App.CreateUserAsync("auditor@natero.test", PlatformRoles.PlatformAuditor);

        (await App.SendAsync(new VerifyAuditChainQuery(_demoId), tenantAdmin)).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        (await App.SendAsync(new VerifyAuditChainQuery(_demoId), actor: null)).Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
        (await App.SendAsync(new VerifyAuditChainQuery(_demoId), auditor)).IsSuccess.ShouldBeTrue();
    }

    /// <summary>Records <paramref name="count"/> events in one unit of work, as a command would.</summary>
    private async Task RecordAsync(int count, bool platform = false)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < count; i++)
        {
            audit.Record("test.event", $"item:{i}", AuditOutcome.Success, $"event {i}", platform ? null : _demoId);
        }

        await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().SaveChangesAsync();
    }

    private async Task MaintenanceAsync(string sql)
    {
        await using var connection = App.Database.OpenConnection();
        await App.Database.AsMaintenanceAsync(connection, sql);
    }
}
