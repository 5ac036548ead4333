using System.Text;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Audit;
using Natero.Connectors.Application.Audit.Queries.ExportAuditEvents;
using Natero.Connectors.Application.Audit.Queries.SearchAuditEvents;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>An export holds exactly the events the search pages through, in the same order, and its CSV says so.</summary>
public sealed class AuditExportTests(ApplicationFixture app) : FunctionalTest(app)
{
    private static readonly string[] ExpectedColumns =
    [
        "occurred_at",
        "tenant",
        "actor_type",
        "actor_id",
        "actor",
        "action",
        "target",
        "outcome",
        "reason",
        "ip_address",
        "user_agent",
        "correlation_id",
        "data",
        "event_id",
        "chain",
        "seq",
        "prev_hash",
        "hash",
    ];

    private Actor _platformAdmin = null!;
    private Actor _demoAdmin = null!;
    private Guid _demoId;
    private Guid _otherId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        _demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);
        _demoId = await App.TenantIdAsync(TestUsers.DemoTenant);
        var otherAdmin = await App.CreateTenantAsync("other");
        _otherId = await App.TenantIdAsync("other");
        for (var i = 0; i < 75; i++)
        {
            // Some share a millisecond, so that ties are exported in the search's order too.
            if (i % 4 == 0)
            {
                App.Clock.Advance(TimeSpan.FromMilliseconds(250));
            }

            Guid? tenant = (i % 3) switch
            {
                0 => _demoId,
                1 => _otherId,
                _ => null,
            };
            var actor = (i % 3) switch
            {
                0 => _demoAdmin,
                1 => otherAdmin,
                _ => _platformAdmin,
            };
            await App.RecordAsync(
                tenant,
                i % 2 == 0 ? "member.added" : "connection.suspended",
                $"item:{i}",
                (AuditOutcome)(i % 3),
                actor: actor
            );
        }
    }

    public static TheoryData<string> Filters() =>
        ["none", "tenant-demo", "action-prefix", "outcome-denied", "actor", "time-range", "exported-only", "nothing"];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_platform_export_holds_the_search_results_in_order_and_its_own_record_only_when_the_filter_matches_it(string name)
    {
        var filter = Filter(name);
        var searched = await App.SearchAllAsync(c => new SearchAuditEventsQuery(filter, c, 7), _platformAdmin, pageSize: 7);
        App.Clock.Advance(TimeSpan.FromSeconds(1));

        var (_, exported) = await App.ExportAsync(new ExportAuditEventsQuery(filter), _platformAdmin);

        ShouldBeSearchPlusOwnRecord(exported, searched, MatchesOwnRecord(name, platform: true));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task A_tenant_export_holds_the_tenant_search_results_in_order(string name)
    {
        var filter = Filter(name);
        var searched = await App.SearchAllAsync(
            c => new SearchTenantAuditEventsQuery(filter, c, 7),
            _demoAdmin,
            TestUsers.DemoTenant,
            pageSize: 7
        );
        App.Clock.Advance(TimeSpan.FromSeconds(1));

        var (_, exported) = await App.ExportAsync(new ExportTenantAuditEventsQuery(filter), _demoAdmin, TestUsers.DemoTenant);

        ShouldBeSearchPlusOwnRecord(exported, searched, MatchesOwnRecord(name, platform: false));
        exported.ShouldAllBe(e => e.TenantId == _demoId);
    }

    [Fact]
    public async Task The_exported_rows_are_the_stored_events_field_for_field()
    {
        var (_, exported) = await App.ExportAsync(new ExportAuditEventsQuery(AuditEventFilter.None), _platformAdmin);
        var stored = (await App.AllEventsAsync()).ToDictionary(e => e.Id);

        foreach (var e in exported)
        {
            var s = stored[e.Id];
            (
                e.OccurredAt,
                e.TenantId,
                e.ActorType,
                e.ActorId,
                e.ActorName,
                e.Action,
                e.Target,
                e.Outcome,
                e.Reason,
                e.Data,
                e.ChainKey,
                e.Seq,
                e.PrevHash,
                e.Hash
            ).ShouldBe(
                (
                    s.OccurredAt,
                    s.TenantId,
                    s.ActorType,
                    s.ActorId,
                    s.ActorName,
                    s.Action,
                    s.Target,
                    s.Outcome,
                    s.Reason,
                    s.Data,
                    s.ChainKey,
                    s.Seq,
                    s.PrevHash,
                    s.Hash
                )
            );
            e.TenantSlug.ShouldBe(
                s.TenantId == _demoId ? TestUsers.DemoTenant
                : s.TenantId == _otherId ? "other"
                : null
            );
        }
    }

    [Fact]
    public async Task The_csv_has_the_header_one_row_per_event_and_the_ids_in_export_order()
    {
        await using var scope = await App.EnterAsync(_platformAdmin, tenantSlug: null);
        var export = (
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExportAuditEventsQuery(AuditEventFilter.None))
        ).Value;
        using var stream = new MemoryStream();

        var written = await AuditCsv.WriteAsync(stream, export.Events, CancellationToken.None);

        var bytes = stream.ToArray();
        (bytes is [0xEF, 0xBB, 0xBF, ..]).ShouldBeFalse("no byte order mark");
        var rows = Rfc4180.Parse(Encoding.UTF8.GetString(bytes));
        rows[0].ShouldBe(ExpectedColumns);
        AuditCsv.Columns.ShouldBe(ExpectedColumns);
        rows.Count.ShouldBe((int)written + 1);
        rows.Skip(1).ShouldAllBe(r => r.Length == ExpectedColumns.Length);

        var searched = await App.SearchAllAsync(
            c => new SearchAuditEventsQuery(AuditEventFilter.None, c, 200),
            _platformAdmin,
            pageSize: 200
        );
        var csvIds = rows.Skip(1).Select(r => Guid.Parse(r[Column("event_id")])).ToList();
        csvIds.ShouldBe(searched.Ids(), "the export's own record is newest, and read after it was saved");
        written.ShouldBe(searched.Count);
    }

    [Fact]
    public async Task A_csv_row_carries_each_field_as_stored_and_utc_milliseconds()
    {
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var recorded = await App.RecordAsync(
            _demoId,
            "member.removed",
            "membership:1",
            AuditOutcome.Failure,
            "Member, \"quoted\"\r\nand on a new line",
            _demoAdmin,
            new Dictionary<string, string?> { ["error"] = "not_found" }
        );

        var row = await CsvRowOfAsync(recorded.Id);

        row[Column("occurred_at")]
            .ShouldBe(
                recorded.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)
            );
        row[Column("tenant")].ShouldBe(TestUsers.DemoTenant);
        row[Column("actor_type")].ShouldBe("User");
        row[Column("actor_id")].ShouldBe(_demoAdmin.UserId.ToString());
        row[Column("actor")].ShouldBe(TestUsers.DemoAdmin);
        row[Column("action")].ShouldBe("member.removed");
        row[Column("target")].ShouldBe("membership:1");
        row[Column("outcome")].ShouldBe("Failure");
        row[Column("reason")].ShouldBe("Member, \"quoted\"\r\nand on a new line");
        row[Column("data")].ShouldBe(recorded.Data);
        row[Column("chain")].ShouldBe(AuditChain.KeyFor(_demoId));
        row[Column("seq")].ShouldBe(recorded.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        row[Column("prev_hash")].ShouldBe(recorded.PrevHash);
        row[Column("hash")].ShouldBe(recorded.Hash);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.test\",\"click\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public async Task A_cell_a_spreadsheet_would_run_as_a_formula_is_escaped_with_a_quote(string reason)
    {
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var recorded = await App.RecordAsync(_demoId, "member.removed", reason, AuditOutcome.Failure, reason, _demoAdmin);

        var row = await CsvRowOfAsync(recorded.Id);

        row[Column("reason")].ShouldBe("'" + reason);
        row[Column("target")].ShouldBe("'" + reason);
    }

    [Fact]
    public async Task Text_that_only_looks_like_a_formula_further_in_is_left_as_it_is()
    {
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var recorded = await App.RecordAsync(_demoId, "member.removed", "a=b", AuditOutcome.Failure, "Total = 1 + 2", _demoAdmin);

        var row = await CsvRowOfAsync(recorded.Id);

        row[Column("reason")].ShouldBe("Total = 1 + 2");
        row[Column("target")].ShouldBe("a=b");
    }

    [Fact]
    public async Task A_platform_event_has_an_empty_tenant_cell_and_the_platform_chain()
    {
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var recorded = await App.RecordAsync(null, "platform.token_keys_rotated", "token-keys", actor: _platformAdmin);

        var row = await CsvRowOfAsync(recorded.Id);

        row[Column("tenant")].ShouldBeEmpty();
        row[Column("chain")].ShouldBe(AuditChain.PlatformKey);
        row[Column("actor_type")].ShouldBe("PlatformAdmin");
    }

    private static void ShouldBeSearchPlusOwnRecord(List<AuditEventDto> exported, List<AuditEventDto> searched, bool matchesOwnRecord)
    {
        // The export records itself before it reads: when the filter lets it in, it is the newest row (the clock moved on since the
        // search).
        var own = exported.Where(e => !searched.Ids().Contains(e.Id)).ToList();
        if (matchesOwnRecord)
        {
            own.ShouldHaveSingleItem().Action.ShouldBe(AuditTesting.ExportedAction);
            exported[0].Id.ShouldBe(own[0].Id);
            exported.Skip(1).Ids().ShouldBe(searched.Ids());
        }
        else
        {
            exported.Ids().ShouldBe(searched.Ids());
        }
    }

    private static bool MatchesOwnRecord(string name, bool platform) =>
        name switch
        {
            "none" or "exported-only" => true,
            "outcome-denied" or "action-prefix" or "time-range" or "nothing" => false,

            // A platform export's record is in the platform chain, not the tenant's; and the demo admin is the tenant's exporter.
            "tenant-demo" or "actor" => !platform,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

    private AuditEventFilter Filter(string name) =>
        name switch
        {
            "none" => AuditEventFilter.None,
            "tenant-demo" => new(Tenant: TestUsers.DemoTenant),
            "action-prefix" => new(Action: "member.*"),
            "outcome-denied" => new(Outcome: AuditOutcome.Denied),
            "actor" => new(Actor: TestUsers.DemoAdmin),
            "time-range" => new(From: App.Clock.GetUtcNow().AddSeconds(-10), To: App.Clock.GetUtcNow().AddSeconds(-3)),
            "exported-only" => new(Action: AuditTesting.ExportedAction),
            "nothing" => new(Action: "no.such.action"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

    private static int Column(string name) => Array.IndexOf(ExpectedColumns, name);

    /// <summary>Exports every event to CSV and returns the row of <paramref name="id"/>.</summary>
    private async Task<string[]> CsvRowOfAsync(Guid id)
    {
        await using var scope = await App.EnterAsync(_platformAdmin, tenantSlug: null);
        var export = (
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExportAuditEventsQuery(AuditEventFilter.None))
        ).Value;
        using var stream = new MemoryStream();
        await AuditCsv.WriteAsync(stream, export.Events, CancellationToken.None);
        var rows = Rfc4180.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        return rows.Skip(1).Where(r => r[Column("event_id")] == id.ToString()).ShouldHaveSingleItem();
    }
}
