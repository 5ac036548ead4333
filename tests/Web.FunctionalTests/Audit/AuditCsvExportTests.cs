using System.Net;
using System.Text;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Audit.AuditWebTesting;

namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>"Export CSV" over HTTP: a download that holds exactly what the pages show for the same filter.</summary>
public sealed class AuditCsvExportTests(NateroWebFactory factory) : WebTest(factory)
{
    private static readonly string[] Columns =
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

    private Guid _demoId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        for (var i = 0; i < 64; i++)
        {
            await Factory.RecordAsync(
                i % 4 == 3 ? null : _demoId,
                i % 2 == 0 ? "member.added" : "connection.disconnected",
                $"item:{i}",
                (AuditOutcome)(i % 3),
                $"reason {i}"
            );
        }
    }

    [Fact]
    public async Task The_download_is_an_uncached_csv_attachment_named_after_the_tenant()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await admin.GetPageAsync(DemoLog + "?handler=export");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        var disposition = response.Content.Headers.ContentDisposition.ShouldNotBeNull();
        disposition.DispositionType.ShouldBe("attachment");
        disposition.FileName!.Trim('"').ShouldMatch(@"^demo-audit-\d{8}-\d{6}\.csv$");
        disposition.FileNameStar.ShouldBe(disposition.FileName.Trim('"'));
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var rows = Rfc4180.Parse(await response.Content.ReadAsStringAsync());
        rows[0].ShouldBe(Columns);
        rows.Skip(1).ShouldAllBe(r => r.Length == Columns.Length);
    }

    [Fact]
    public async Task The_platform_download_is_named_for_natero()
    {
        await Factory.CreateAuditorAsync();
        using var auditor = await SignedInAs(AuditorEmail);

        using var response = await auditor.GetPageAsync(PlatformLog + "?handler=export");

        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldMatch(@"^natero-audit-\d{8}-\d{6}\.csv$");
    }

    [Theory]
    [InlineData("")]
    [InlineData("action=member.*")]
    [InlineData("outcome=Failure")]
    [InlineData("actor=system&target=item:1*")]
    [InlineData("action=audit.exported")]
    public async Task The_tenant_csv_holds_the_events_the_pages_show_for_the_same_filter(string query)
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var path = query.Length == 0 ? DemoLog : $"{DemoLog}?{query}";

        var shown = (await admin.WalkAsync(path)).Select(r => r.Id).ToList();
        var rows = await CsvAsync(admin, $"{DemoLog}?{query}&handler=export");

        WithoutOwnExport(rows, shown).ShouldBe(shown);
        rows.ShouldAllBe(r => r[Column("tenant")] == TestUsers.DemoTenant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tenant=demo")]
    [InlineData("tenant=demo&action=member.*&outcome=Success")]
    [InlineData("action=connection.*")]
    public async Task The_platform_csv_holds_the_events_the_pages_show_for_the_same_filter(string query)
    {
        await Factory.CreateAuditorAsync();
        using var auditor = await SignedInAs(AuditorEmail);
        var path = query.Length == 0 ? PlatformLog : $"{PlatformLog}?{query}";

        var shown = (await auditor.WalkAsync(path)).Select(r => r.Id).ToList();
        var rows = await CsvAsync(auditor, $"{PlatformLog}?{query}&handler=export");

        shown.Count.ShouldBeGreaterThan(0);
        WithoutOwnExport(rows, shown).ShouldBe(shown);
    }

    [Fact]
    public async Task The_export_link_on_the_page_carries_the_filter_shown()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var html = await admin.GetHtmlAsync(DemoLog + "?action=member.*&outcome=Failure");
        var link = WebUtility.HtmlDecode(
            System
                .Text.RegularExpressions.Regex.Match(html, "<a class=\"button-link\" href=\"([^\"]+)\" download>Export CSV</a>")
                .Groups[1]
                .Value
        );

        var rows = await CsvAsync(admin, link);

        link.ShouldContain("handler=export");
        rows.Select(r => Guid.Parse(r[Column("event_id")])).ShouldBe(Rows(html).Select(r => r.Id));
        rows.ShouldAllBe(r => r[Column("action")] == "member.added" && r[Column("outcome")] == "Failure");
    }

    [Fact]
    public async Task A_reason_that_a_spreadsheet_would_run_is_escaped_in_the_download()
    {
        var formula = await Factory.RecordAsync(
            _demoId,
            "member.removed",
            "membership:9",
            AuditOutcome.Failure,
            "=HYPERLINK(\"https://evil.test\",\"Click\")"
        );
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var rows = await CsvAsync(admin, DemoLog + "?action=member.removed&handler=export");

        var row = rows.ShouldHaveSingleItem();
        row[Column("event_id")].ShouldBe(formula.Id.ToString());
        row[Column("reason")].ShouldBe("'=HYPERLINK(\"https://evil.test\",\"Click\")");
    }

    [Fact]
    public async Task Each_download_is_on_record_in_the_chain_of_what_was_copied()
    {
        await Factory.CreateAuditorAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        using var auditor = await SignedInAs(AuditorEmail);

        await CsvAsync(admin, DemoLog + "?action=member.*&handler=export");
        await CsvAsync(auditor, PlatformLog + "?tenant=demo&handler=export");

        var exports = (await Factory.EventsAsync()).Where(e => e.Action == "audit.exported").ToList();
        exports.Count.ShouldBe(2);
        exports.Single(e => e.ActorName == TestUsers.DemoAdmin).TenantId.ShouldBe(_demoId);
        exports.Single(e => e.ActorName == AuditorEmail).TenantId.ShouldBeNull();
        exports.Single(e => e.ActorName == TestUsers.DemoAdmin).Data!.ShouldContain("member.*");
        exports.ShouldAllBe(e => e.CorrelationId != null);
    }

    /// <summary>The CSV rows, header checked and removed.</summary>
    private static async Task<List<string[]>> CsvAsync(Browser browser, string path)
    {
        using var response = await browser.GetPageAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv", path);
        var rows = Rfc4180.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
        rows[0].ShouldBe(Columns);
        return rows[1..];
    }

    /// <summary>
    /// The CSV's event ids without the export's own record: the export records itself before it reads,
    /// so when the filter lets it in, exactly one row is an <c>audit.exported</c> event the pages had not shown.
    /// </summary>
    private static List<Guid> WithoutOwnExport(List<string[]> rows, List<Guid> shown)
    {
        var own = rows.Where(r => !shown.Contains(Guid.Parse(r[Column("event_id")]))).ToList();
        own.Count.ShouldBeLessThanOrEqualTo(1, "only the export's own record may be new");
        own.ShouldAllBe(r => r[Column("action")] == "audit.exported");
        return [.. rows.Except(own).Select(r => Guid.Parse(r[Column("event_id")]))];
    }

    private static int Column(string name) => Array.IndexOf(Columns, name);
}
