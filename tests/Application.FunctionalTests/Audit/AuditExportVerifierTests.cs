using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Infrastructure.Audit;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.Composition;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>
/// The customer's check (<c>verify-audit</c>): an export against the checkpoints received by webhook and the public key,
/// with no database. Tampering is named by kind, seq and event id.
/// </summary>
public sealed class AuditExportVerifierTests(ApplicationFixture app) : FunctionalTest(app), IDisposable
{
    private readonly CheckpointTesting _keys = new(app);
    private Guid _demoId;
    private List<string> _export = [];
    private string _received = "[]";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _demoId = await App.TenantIdAsync(TestUsers.DemoTenant);
        for (var i = 0; i < 6; i++)
        {
            await App.RecordAsync(_demoId, "member.added", $"member:{i}", reason: $"reason {i}");
        }

        (await _keys.Worker().RunOnceAsync(CancellationToken.None)).ShouldNotBeNull().ShouldNotBeEmpty();
        _export = await _keys.ExportLinesAsync();
        // What the customer's webhook endpoint received: whole event bodies.
        var bodies = await App.QueryDbAsync(db =>
            db.OutboundEvents.AsNoTracking().Where(e => e.Type == EventTypes.AuditCheckpoint).Select(e => e.Payload).ToListAsync()
        );
        _received = "[" + string.Join(",", bodies) + "]";
    }

    private string DemoChain => AuditChain.KeyFor(_demoId);

    /// <summary>The index in the export's lines of the demo chain's event <paramref name="seq"/>.</summary>
    private int LineOf(long seq) => _export.FindIndex(l => l.Contains($",{DemoChain},{seq},", StringComparison.Ordinal));

    private Guid IdAt(long seq) => Guid.Parse(_export[LineOf(seq)].Split(',')[13]);

    private Task<AuditExportReport> VerifyAsync(IEnumerable<string> export, string? received = null) =>
        AuditExportVerifier.VerifyAsync(
            CheckpointTesting.Stream(export),
            CheckpointTesting.Stream(received ?? _received),
            File.ReadAllText(_keys.PublicKeyPath),
            CancellationToken.None
        );

    [Fact]
    public async Task S31_A_clean_export_passes_against_the_checkpoints_received()
    {
        var report = await VerifyAsync(_export);

        report.Findings.ShouldBeEmpty();
        report.Intact.ShouldBeTrue();
        report.CheckpointsVerified.ShouldBeGreaterThanOrEqualTo(1);
        report.Summary().ShouldStartWith("OK: ");
    }

    [Fact]
    public async Task S31_A_changed_field_of_one_row_is_named_altered()
    {
        var tampered = _export.ToList();
        tampered[LineOf(3)] = tampered[LineOf(3)].Replace("reason 2", "reason X", StringComparison.Ordinal);

        var report = await VerifyAsync(tampered);

        var finding = report.Findings.ShouldHaveSingleItem();
        (finding.Problem, finding.Seq, finding.EventId).ShouldBe((AuditExportProblem.Altered, 3L, IdAt(3)));
        report.Summary().ShouldContain($"ALTERED: Event 3 ({IdAt(3)}");
    }

    [Fact]
    public async Task S31_A_deleted_row_is_named_removed()
    {
        var tampered = _export.ToList();
        tampered.RemoveAt(LineOf(4));

        var report = await VerifyAsync(tampered);

        var finding = report.Findings.ShouldHaveSingleItem();
        (finding.Problem, finding.ChainKey, finding.Seq).ShouldBe((AuditExportProblem.Removed, DemoChain, 4L));
        finding.Message.ShouldContain($"event 3 ({IdAt(3)}) to event 5 ({IdAt(5)})");
    }

    [Fact]
    public async Task S31_A_made_up_row_is_named_inserted()
    {
        var tampered = _export.ToList();
        var madeUp = Guid.NewGuid();
        var line = tampered[LineOf(2)]
            .Replace(IdAt(2).ToString(), madeUp.ToString(), StringComparison.Ordinal)
            .Replace("member:1", "member:999", StringComparison.Ordinal);
        tampered.Insert(LineOf(2) + 1, line);

        var report = await VerifyAsync(tampered);

        var finding = report.Findings.ShouldHaveSingleItem();
        (finding.Problem, finding.Seq, finding.EventId).ShouldBe((AuditExportProblem.Inserted, 2L, madeUp));
    }

    [Fact]
    public async Task S31_A_checkpoint_with_a_wrong_signature_is_named()
    {
        using var json = JsonDocument.Parse(_received);
        var forged = json
            .RootElement.EnumerateArray()
            .Select(e => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(e.GetRawText())!)
            .ToList();
        var demo = forged.Single(e => e["data"].GetProperty("chainKey").GetString() == DemoChain);
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(demo["data"].GetRawText())!;
        data["seq"] = JsonSerializer.SerializeToElement(data["seq"].GetInt64() - 1);
        demo["data"] = JsonSerializer.SerializeToElement(data);

        var report = await VerifyAsync(_export, JsonSerializer.Serialize(forged));

        var finding = report.Findings.ShouldHaveSingleItem();
        (finding.Problem, finding.ChainKey).ShouldBe((AuditExportProblem.BadSignature, DemoChain));
        finding.Message.ShouldContain("signature does not verify");
    }

    [Fact]
    public async Task S31_A_cut_off_tail_contradicts_the_checkpoint_that_vouched_for_it()
    {
        var tampered = _export.ToList();
        tampered.RemoveAt(LineOf(6));

        var report = await VerifyAsync(tampered);

        var finding = report.Findings.ShouldHaveSingleItem();
        (finding.Problem, finding.Seq).ShouldBe((AuditExportProblem.CheckpointContradicted, 6L));
    }

    [Fact]
    public async Task S31_The_verify_audit_command_exits_0_on_a_clean_export_and_1_naming_a_tampered_one()
    {
        var received = _keys.Write("checkpoints.json", _received);
        var clean = _keys.Write("clean.csv", string.Join("\r\n", _export) + "\r\n");
        var tampered = _export.ToList();
        tampered[LineOf(5)] = tampered[LineOf(5)].Replace("member:4", "member:44", StringComparison.Ordinal);
        var altered = _keys.Write("altered.csv", string.Join("\r\n", tampered) + "\r\n");

        using var cleanOutput = new StringWriter();
        var cleanExit = await NateroCommands.VerifyAuditAsync(
            ["verify-audit", "--export", clean, "--checkpoints", received, "--public-key", _keys.PublicKeyPath],
            cleanOutput,
            CancellationToken.None
        );
        using var alteredOutput = new StringWriter();
        var alteredExit = await NateroCommands.VerifyAuditAsync(
            ["verify-audit", "--export", altered, "--checkpoints", received, "--public-key", _keys.PublicKeyPath],
            alteredOutput,
            CancellationToken.None
        );

        (cleanExit, alteredExit).ShouldBe((0, 1));
        cleanOutput.ToString().ShouldStartWith("OK: ");
        alteredOutput.ToString().ShouldContain($"ALTERED: Event 5 ({IdAt(5)}");
        alteredOutput.ToString().ShouldContain("FAILED: 1 problems");
    }

    public void Dispose() => _keys.Dispose();
}
