using System.Net;
using System.Security.Cryptography;
using Natero.Connectors.Application.Audit.Checkpoints;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>The checkpoint API: the published public key, and checkpoints listed per tenant and for the platform.</summary>
public sealed class AuditCheckpointApiTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task S31_The_checkpoint_key_is_the_configured_keys_public_half_as_PEM_with_its_algorithm_and_key_id()
    {
        using var client = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.Audit.View)
        );

        using var response = await client.GetAsync("/api/v1/audit/checkpoint-key");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        using var configured = ECDsa.Create();
        configured.ImportFromPem(await File.ReadAllTextAsync(Factory.CheckpointKeyPath));
        var pem = json.GetProperty("publicKeyPem").GetString().ShouldNotBeNull();
        pem.ShouldStartWith("-----BEGIN PUBLIC KEY-----");
        pem.ShouldNotContain("PRIVATE");
        using var published = ECDsa.Create();
        published.ImportFromPem(pem);
        published.ExportSubjectPublicKeyInfo().ShouldBe(configured.ExportSubjectPublicKeyInfo());
        json.GetProperty("algorithm").GetString().ShouldBe("ECDSA-P256-SHA256");
        json.GetProperty("keyId")
            .GetString()
            .ShouldBe(Convert.ToHexStringLower(SHA256.HashData(configured.ExportSubjectPublicKeyInfo())[..16]));
    }

    [Fact]
    public async Task S31_A_tenant_lists_its_own_chains_checkpoints_and_the_platform_every_chains_or_one_tenants()
    {
        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        await Factory.RecordAsync(demoId, "member.added", "member:1");
        await Factory.RecordAsync(null, "tenant.created", "tenant:1");
        using var platform = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        using var tenant = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.Audit.View)
        );

        using var made = await platform.SendAsync(HttpMethod.Post, "/api/v1/platform/audit/checkpoints");
        made.StatusCode.ShouldBe(HttpStatusCode.OK, await made.Content.ReadAsStringAsync());
        var chains = (await made.JsonAsync()).EnumerateArray().Select(c => c.GetProperty("chainKey").GetString()).ToList();
        chains.ShouldContain(AuditChain.KeyFor(demoId));
        chains.ShouldContain(AuditChain.PlatformKey);

        using var own = await tenant.GetAsync("/api/v1/audit/checkpoints");
        using var all = await platform.GetAsync("/api/v1/platform/audit/checkpoints");
        using var demoOnly = await platform.GetAsync("/api/v1/platform/audit/checkpoints?tenant=demo");
        using var unknown = await platform.GetAsync("/api/v1/platform/audit/checkpoints?tenant=nobody");

        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ownCheckpoint = (await own.JsonAsync()).GetProperty("checkpoints").EnumerateArray().ShouldHaveSingleItem();
        ownCheckpoint.GetProperty("chainKey").GetString().ShouldBe(AuditChain.KeyFor(demoId));
        (await all.JsonAsync()).GetProperty("checkpoints").GetArrayLength().ShouldBe(chains.Count);
        (await demoOnly.JsonAsync()).GetProperty("checkpoints").EnumerateArray().ShouldHaveSingleItem();
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");

        // What the tenant lists verifies with what the key endpoint publishes.
        using var keyResponse = await tenant.GetAsync("/api/v1/audit/checkpoint-key");
        using var key = ECDsa.Create();
        key.ImportFromPem((await keyResponse.JsonAsync()).GetProperty("publicKeyPem").GetString());
        var text = AuditCheckpoint.SignedText(
            ownCheckpoint.GetProperty("chainKey").GetString()!,
            ownCheckpoint.GetProperty("tenantId").GetGuid(),
            ownCheckpoint.GetProperty("seq").GetInt64(),
            ownCheckpoint.GetProperty("hash").GetString()!,
            ownCheckpoint.GetProperty("createdAt").GetDateTimeOffset()
        );
        AuditCheckpointSignatures.Verify(key, text, ownCheckpoint.GetProperty("signature").GetString()).ShouldBeTrue();
    }
}
