using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Application.Audit.Commands.CreateAuditCheckpoints;
using Natero.Connectors.Application.Audit.Queries.GetAuditCheckpointKey;
using Natero.Connectors.Application.Audit.Queries.ListAuditCheckpoints;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Events;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Audit;

/// <summary>The hourly checkpointer: it signs each changed chain's head, once per round however many instances run it.</summary>
public sealed class AuditCheckpointTests(ApplicationFixture app) : FunctionalTest(app), IDisposable
{
    private readonly CheckpointTesting _keys = new(app);
    private Guid _demoId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _demoId = await App.TenantIdAsync(TestUsers.DemoTenant);
        await App.RecordAsync(_demoId, "member.added", "member:1");
        await App.RecordAsync(null, "tenant.created", "tenant:1");
    }

    [Fact]
    public async Task S31_A_checkpoint_signature_verifies_with_the_published_public_key()
    {
        var made = (await _keys.Worker().RunOnceAsync(CancellationToken.None)).ShouldNotBeNull();

        made.Select(c => c.ChainKey).ShouldContain(AuditChain.KeyFor(_demoId));
        var published = _keys.Signer.Key.ShouldNotBeNull();
        published.Algorithm.ShouldBe("ECDSA-P256-SHA256");
        using var key = ECDsa.Create();
        key.ImportFromPem(published.PublicKeyPem);
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..16]).ShouldBe(published.KeyId);
        foreach (var c in made)
        {
            var head = await App.QueryDbAsync(db => db.AuditEvents.Where(e => e.ChainKey == c.ChainKey).MaxAsync(e => e.Seq));
            c.Seq.ShouldBe(head);
            var text = AuditCheckpoint.SignedText(c.ChainKey, c.TenantId, c.Seq, c.Hash, c.CreatedAt);
            text.ShouldStartWith($"natero-audit-checkpoint/v1\n{c.ChainKey}\n");
            AuditCheckpointSignatures.Verify(key, text, c.Signature).ShouldBeTrue();
            AuditCheckpointSignatures
                .Verify(key, text.Replace($"\n{c.Seq}\n", $"\n{c.Seq + 1}\n", StringComparison.Ordinal), c.Signature)
                .ShouldBeFalse("the signature covers the seq");
        }

        // What a tenant lists is its own chain's checkpoint, still verifying.
        var demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);
        var listed = (await App.SendAsync(new ListTenantAuditCheckpointsQuery(), demoAdmin, TestUsers.DemoTenant)).Value.Checkpoints;
        var own = listed.ShouldHaveSingleItem();
        own.TenantId.ShouldBe(_demoId);
        AuditCheckpointSignatures
            .Verify(key, AuditCheckpoint.SignedText(own.ChainKey, own.TenantId, own.Seq, own.Hash, own.CreatedAt), own.Signature)
            .ShouldBeTrue();
    }

    [Fact]
    public async Task S31_Only_chains_that_changed_get_a_new_checkpoint()
    {
        var first = (await _keys.Worker().RunOnceAsync(CancellationToken.None)).ShouldNotBeNull();
        first.Count.ShouldBeGreaterThanOrEqualTo(2);

        App.Clock.Advance(CheckpointTesting.Interval);
        (await _keys.Worker().RunOnceAsync(CancellationToken.None)).ShouldNotBeNull().ShouldBeEmpty("nothing changed");

        App.Clock.Advance(CheckpointTesting.Interval);
        var added = await App.RecordAsync(_demoId, "member.removed", "member:1");
        var second = (await _keys.Worker().RunOnceAsync(CancellationToken.None)).ShouldNotBeNull();

        var only = second.ShouldHaveSingleItem();
        (only.ChainKey, only.Seq, only.Hash).ShouldBe((AuditChain.KeyFor(_demoId), added.Seq, added.Hash));
    }

    [Fact]
    public async Task S31_Each_checkpoint_has_its_audit_checkpoint_event_in_the_outbox_of_the_same_save()
    {
        var made = (await _keys.Worker().RunOnceAsync(CancellationToken.None)).ShouldNotBeNull();

        var events = await App.QueryDbAsync(db =>
            db.OutboundEvents.AsNoTracking().Where(e => e.Type == EventTypes.AuditCheckpoint).ToListAsync()
        );
        events.Count.ShouldBe(made.Count);
        foreach (var c in made)
        {
            var e = events.Single(o => o.SubjectId == c.Id);
            e.TenantId.ShouldBe(c.TenantId);
            using var body = JsonDocument.Parse(e.Payload);
            body.RootElement.GetProperty("type").GetString().ShouldBe("audit.checkpoint");
            var data = body.RootElement.GetProperty("data");
            data.GetProperty("chainKey").GetString().ShouldBe(c.ChainKey);
            data.GetProperty("tenant").GetString().ShouldBe(c.TenantId?.ToString());
            data.GetProperty("seq").GetInt64().ShouldBe(c.Seq);
            data.GetProperty("hash").GetString().ShouldBe(c.Hash);
            data.GetProperty("keyId").GetString().ShouldBe(c.KeyId);
            data.GetProperty("algorithm").GetString().ShouldBe(c.Algorithm);
            data.GetProperty("signature").GetString().ShouldBe(c.Signature);
            DateTimeOffset
                .Parse(data.GetProperty("createdAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBe(c.CreatedAt);
        }
    }

    [Fact]
    public async Task S31_Two_checkpointers_racing_make_one_round()
    {
        var results = await Task.WhenAll(
            Task.Run(() => _keys.Worker().RunOnceAsync(CancellationToken.None)),
            Task.Run(() => _keys.Worker().RunOnceAsync(CancellationToken.None))
        );

        results.Count(r => r is { Count: > 0 }).ShouldBe(1, "one instance makes the round; the other finds it made");
        var stored = await App.QueryDbAsync(db => db.AuditCheckpoints.AsNoTracking().ToListAsync());
        stored.GroupBy(c => c.ChainKey).ShouldAllBe(g => g.Count() == 1);
        stored.Count.ShouldBe(results.Single(r => r is { Count: > 0 })!.Count);
        (await App.QueryDbAsync(db => db.ScheduledRuns.CountAsync(r => r.Key.StartsWith(AuditCheckpointer.RoundKeyPrefix)))).ShouldBe(1);
        (await App.QueryDbAsync(db => db.OutboundEvents.CountAsync(e => e.Type == EventTypes.AuditCheckpoint))).ShouldBe(stored.Count);
    }

    [Fact]
    public async Task S31_Checkpoints_are_off_without_a_key_and_the_on_demand_request_says_so()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);

        var made = await App.SendAsync(new CreateAuditCheckpointsCommand(), admin);
        var key = await App.SendAsync(new GetAuditCheckpointKeyQuery(), admin);

        made.Error.ShouldNotBeNull().Code.ShouldBe("checkpoints_off");
        key.Error.ShouldNotBeNull().Code.ShouldBe("checkpoints_off");
        (await App.QueryDbAsync(db => db.AuditCheckpoints.CountAsync())).ShouldBe(0);
    }

    public void Dispose() => _keys.Dispose();
}
