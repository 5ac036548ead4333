using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>S18: a key made by another key never outlives it, can do no more than it, and dies with it.</summary>
public sealed class KeysMadeByKeysTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Keys = "/api/v1/api-keys";
    private const string View = Permissions.DataConnectors.View;
    private const string ManageKeys = Permissions.ApiKeys.Manage;

    [Fact]
    public async Task S18_a_key_made_by_a_key_records_its_parent_and_is_shown_with_it()
    {
        var parent = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, ManageKeys, View);
        using var client = Client(Factory, parent);

        var (childId, _) = await CreateChildAsync(client, "child", 7, View);

        var parentId = (await Factory.StoredKeyAsync(parent)).Id;
        (await Factory.StoredKeysAsync()).Single(k => k.Id == childId).ParentKeyId.ShouldBe(parentId);
        using var shown = await client.GetAsync($"{Keys}/{childId}");
        var key = await shown.JsonAsync();
        key.GetProperty("parentKeyId").GetGuid().ShouldBe(parentId);
        key.GetProperty("status").GetString().ShouldBe("Active");
    }

    [Fact]
    public async Task S18_a_key_asking_to_outlive_its_parent_is_refused_with_400_naming_the_latest_date()
    {
        var parent = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, TimeSpan.FromDays(10), ManageKeys, View);
        var parentExpires = (await Factory.StoredKeyAsync(parent)).ExpiresAt;
        using var client = Client(Factory, parent);
        var before = (await Factory.StoredKeysAsync()).Count;

        using var response = await CreateAsync(client, "too long", 11);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "outlives_parent_key");
        var latest = parentExpires.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        problem.GetProperty("detail").GetString()!.ShouldContain(latest);
        problem.GetProperty("detail").GetString()!.ShouldContain("at most 9 days");
        problem.GetProperty("errors").GetProperty("expiresInDays")[0].GetString()!.ShouldContain(latest);
        (await Factory.StoredKeysAsync()).Count.ShouldBe(before, "no key was created");

        using var allowed = await CreateAsync(client, "fits", 9);
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created, await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task S18_revoking_a_key_revokes_every_key_it_made_and_they_made_at_once()
    {
        using var root = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, ManageKeys, View));
        var (childId, child) = await CreateChildAsync(root, "child", 7, ManageKeys, View);
        using var childClient = Client(Factory, child);
        var (grandchildId, grandchild) = await CreateChildAsync(childClient, "grandchild", 5, View);
        using var grandchildClient = Client(Factory, grandchild);
        using (var warm = await grandchildClient.GetAsync("/api/v1/connections"))
        {
            warm.StatusCode.ShouldBe(HttpStatusCode.OK, "the grandchild works, and is now cached");
        }

        var rootId = (await Factory.StoredKeysAsync()).Single(k => k.Id != childId && k.Id != grandchildId).Id;
        using var manager = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, ManageKeys));
        using (var revoke = await manager.DeleteAsync($"{Keys}/{rootId}"))
        {
            revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent, await revoke.Content.ReadAsStringAsync());
        }

        using var childRefused = await childClient.GetAsync("/api/v1/connections");
        await childRefused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_revoked");
        using var grandchildRefused = await grandchildClient.GetAsync("/api/v1/connections");
        await grandchildRefused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_revoked");
        var stored = (await Factory.StoredKeysAsync()).Where(k => k.Id == rootId || k.Id == childId || k.Id == grandchildId).ToList();
        stored.Count.ShouldBe(3);
        stored.ShouldAllBe(k => k.RevokedAt != null);
        stored.Select(k => k.RevokedAt).Distinct().ShouldHaveSingleItem("revoked together, in one transaction");
        var revoked = (await Factory.AuditEventsAsync("api_key.revoked")).ShouldHaveSingleItem();
        revoked.Target.ShouldBe($"api_key:{rootId}");
        DataOf(revoked)["descendants_revoked"].ShouldBe("2");
    }

    [Fact]
    public async Task S18_a_key_whose_parent_was_revoked_or_expired_without_the_cascade_is_refused()
    {
        var parent = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, ManageKeys, View);
        var parentId = (await Factory.StoredKeyAsync(parent)).Id;
        using var parentClient = Client(Factory, parent);
        var (_, revokedLine) = await CreateChildAsync(parentClient, "revoked line", 7, View);
        var (_, expiredLine) = await CreateChildAsync(parentClient, "expired line", 7, View);

        // As a revocation written straight into the database would leave it: the children untouched.
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        await Factory.DbAsync(db =>
            db.ApiKeys.Where(k => k.Id == parentId).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, yesterday))
        );
        using (var client = Client(Factory, revokedLine))
        using (var response = await client.GetAsync("/api/v1/connections"))
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_revoked");
            problem.GetProperty("detail").GetString()!.ShouldContain("The key that made this API key was revoked");
        }

        await Factory.DbAsync(db =>
            db.ApiKeys.Where(k => k.Id == parentId)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, (DateTimeOffset?)null).SetProperty(k => k.ExpiresAt, yesterday))
        );
        using (var client = Client(Factory, expiredLine))
        using (var response = await client.GetAsync("/api/v1/connections"))
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_expired");
            problem.GetProperty("detail").GetString()!.ShouldContain("The key that made this API key expired");
        }
    }

    [Fact]
    public async Task S18_a_platform_key_still_cannot_make_keys()
    {
        using var platform = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        var before = (await Factory.StoredKeysAsync()).Count;

        using var response = await CreateAsync(platform, "nope", 7);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden", "tenant_key_required");
        (await Factory.StoredKeysAsync()).Count.ShouldBe(before);
    }

    private static Task<HttpResponseMessage> CreateAsync(HttpClient client, string name, int days) =>
        client.SendAsync(
            HttpMethod.Post,
            Keys,
            new
            {
                name,
                scopes = new[] { View },
                expiresInDays = days,
            }
        );

    private static async Task<(Guid Id, string Plaintext)> CreateChildAsync(
        HttpClient parent,
        string name,
        int days,
        params string[] scopes
    )
    {
        using var response = await parent.SendAsync(
            HttpMethod.Post,
            Keys,
            new
            {
                name,
                scopes,
                expiresInDays = days,
            }
        );
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("plaintext").GetString()!);
    }
}
