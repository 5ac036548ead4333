using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Audit.Queries.VerifyAuditChain;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>Retention: old events move to a file and leave the database, and every chain still verifies from its anchor.</summary>
public sealed class AuditArchiveTests(ApplicationFixture app) : FunctionalTest(app), IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"natero-archive-{Guid.NewGuid():N}");
    private Guid _demoId;
    private Actor _platformAdmin = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _demoId = await App.QueryDbAsync(db => db.Tenants.Where(t => t.Slug == TestUsers.DemoTenant).Select(t => t.Id).SingleAsync());
        _platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
    }

    [Fact]
    public async Task Events_past_retention_move_to_a_file_and_the_chain_verifies_from_its_anchor()
    {
        await RecordAsync(5, "old");
        App.Clock.Advance(TimeSpan.FromDays(500));
        await RecordAsync(3, "recent");

        var report = await Archiver().ArchiveAsync(dryRun: false, CancellationToken.None);

        report.Events.ShouldBe(5);
        report.Chains.ShouldHaveSingleItem().ShouldBe(new ArchivedChain(AuditChain.KeyFor(_demoId), 1, 5, 5, report.Chains[0].ThroughHash));
        var remaining = await App.QueryDbAsync(db =>
            db.AuditEvents.AsNoTracking().Where(e => e.TenantId == _demoId).OrderBy(e => e.Seq).ToListAsync()
        );
        remaining.Select(e => e.Seq).ShouldBe([6L, 7, 8]);
        remaining.ShouldAllBe(e => e.Reason!.StartsWith("recent", StringComparison.Ordinal));

        var lines = await File.ReadAllLinesAsync(report.File!);
        lines.Length.ShouldBe(1 + 5);
        lines[0].ShouldStartWith("occurred_at,tenant,");
        lines.Skip(1).ShouldAllBe(l => l.Contains(",old ", StringComparison.Ordinal));
        Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(report.File!))).ShouldBe(report.Sha256);

        var anchor = await App.QueryDbAsync(db => db.AuditAnchors.AsNoTracking().SingleAsync());
        (anchor.ArchivedThroughSeq, anchor.ArchivedCount, anchor.HeadSeq, anchor.ArchiveSha256).ShouldBe((5L, 5L, 8L, report.Sha256!));

        var verified = (await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin)).Value;
        verified.Intact.ShouldBeTrue(verified.Message);
        verified.EventsChecked.ShouldBe(3);
        verified.Message.ShouldContain("Events 1 to 5 were archived to natero-audit-archive-");
    }

    [Fact]
    public async Task The_archive_is_recorded_on_the_platform_chain()
    {
        await RecordAsync(2, "old");
        App.Clock.Advance(TimeSpan.FromDays(500));

        var report = await Archiver().ArchiveAsync(dryRun: false, CancellationToken.None);

        var recorded = await App.QueryDbAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditArchiver.Action));
        recorded.TenantId.ShouldBeNull();
        recorded.ActorType.ShouldBe(ActorType.System);
        recorded.Data.ShouldNotBeNull().ShouldContain(report.Sha256!);
        (await App.SendAsync(new VerifyAuditChainQuery(null), _platformAdmin)).Value.Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_chain_archived_whole_goes_on_from_its_anchor()
    {
        await RecordAsync(4, "old");
        App.Clock.Advance(TimeSpan.FromDays(500));
        await Archiver().ArchiveAsync(dryRun: false, CancellationToken.None);
        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync(e => e.TenantId == _demoId))).ShouldBe(0);

        await RecordAsync(2, "after");

        var seqs = await App.QueryDbAsync(db =>
            db.AuditEvents.Where(e => e.TenantId == _demoId).OrderBy(e => e.Seq).Select(e => e.Seq).ToListAsync()
        );
        seqs.ShouldBe([5L, 6]);
        var verified = (await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin)).Value;
        verified.Intact.ShouldBeTrue(verified.Message);
    }

    [Fact]
    public async Task Removing_the_newest_events_after_an_archive_is_found()
    {
        await RecordAsync(3, "old");
        App.Clock.Advance(TimeSpan.FromDays(500));
        await RecordAsync(3, "recent");
        await Archiver().ArchiveAsync(dryRun: false, CancellationToken.None);

        await MaintenanceAsync($"DELETE FROM \"AuditEvents\" WHERE \"Seq\" = 6 AND \"ChainKey\" = '{AuditChain.KeyFor(_demoId)}'");

        var verified = (await App.SendAsync(new VerifyAuditChainQuery(_demoId), _platformAdmin)).Value;
        verified.Intact.ShouldBeFalse();
        verified.Problem.ShouldBe(AuditChainProblem.Missing);
        verified.BrokenAtSeq.ShouldBe(6);
    }

    [Fact]
    public async Task A_chain_that_does_not_verify_is_not_archived_and_nothing_is_removed()
    {
        await RecordAsync(3, "old");
        App.Clock.Advance(TimeSpan.FromDays(500));
        await MaintenanceAsync(
            $"UPDATE \"AuditEvents\" SET \"Reason\" = 'rewritten' WHERE \"Seq\" = 2 AND \"ChainKey\" = '{AuditChain.KeyFor(_demoId)}'"
        );

        var refused = await Should.ThrowAsync<AuditArchiveException>(() => Archiver().ArchiveAsync(dryRun: false, CancellationToken.None));

        refused.Message.ShouldContain("Event 2 was altered");
        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync())).ShouldBe(3);
        (await App.QueryDbAsync(db => db.AuditAnchors.CountAsync())).ShouldBe(0);
        Directory.Exists(_directory).ShouldBeFalse();
    }

    [Fact]
    public async Task A_dry_run_reports_and_removes_nothing()
    {
        await RecordAsync(3, "old");
        App.Clock.Advance(TimeSpan.FromDays(500));

        var report = await Archiver().ArchiveAsync(dryRun: true, CancellationToken.None);

        report.Events.ShouldBe(3);
        report.File.ShouldBeNull();
        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync())).ShouldBe(3);
    }

    [Fact]
    public async Task Nothing_younger_than_the_retention_period_is_touched()
    {
        await RecordAsync(3, "recent");
        App.Clock.Advance(TimeSpan.FromDays(399));

        var report = await Archiver().ArchiveAsync(dryRun: false, CancellationToken.None);

        report.Events.ShouldBe(0);
        (await App.QueryDbAsync(db => db.AuditEvents.CountAsync())).ShouldBe(3);
    }

    [Fact]
    public async Task A_retention_shorter_than_thirty_days_is_refused()
    {
        var refused = await Should.ThrowAsync<AuditArchiveException>(() =>
            Archiver(days: 7).ArchiveAsync(dryRun: false, CancellationToken.None)
        );

        refused.Message.ShouldContain("at least 30");
    }

    [Fact]
    public async Task The_triggers_are_back_after_an_archive()
    {
        await RecordAsync(2, "old");
        App.Clock.Advance(TimeSpan.FromDays(500));
        await RecordAsync(1, "recent");
        await Archiver().ArchiveAsync(dryRun: false, CancellationToken.None);

        await using var connection = App.Database.OpenConnection();
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM \"AuditEvents\"";
        (await Should.ThrowAsync<Exception>(() => delete.ExecuteNonQueryAsync())).Message.ShouldContain("append-only");
        await using var deleteAnchor = connection.CreateCommand();
        deleteAnchor.CommandText = "DELETE FROM \"AuditAnchors\"";
        (await Should.ThrowAsync<Exception>(() => deleteAnchor.ExecuteNonQueryAsync())).Message.ShouldContain("append-only");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private AuditArchiver Archiver(int days = 400) =>
        new(
            App.Services.GetRequiredService<DatabaseOptions>(),
            Options.Create(new AuditRetentionOptions { RetentionDays = days, ArchiveDirectory = _directory }),
            App.Clock,
            NullLogger<AuditArchiver>.Instance
        );

    private async Task RecordAsync(int count, string reason)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = App.Services.CreateAsyncScope();
            scope
                .ServiceProvider.GetRequiredService<IAuditTrail>()
                .Record("test.event", $"item:{i}", AuditOutcome.Success, $"{reason} {i}", _demoId);
            await scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().SaveChangesAsync();
            App.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private async Task MaintenanceAsync(string sql)
    {
        await using var connection = App.Database.OpenConnection();
        await App.Database.AsMaintenanceAsync(connection, sql);
    }
}
