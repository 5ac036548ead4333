using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>A3: how keys are checked, revoked, shown, limited to their creator, and how their use is recorded.</summary>
public sealed class ApiKeyAuthenticationTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string View = Permissions.DataConnectors.View;
    private const string ManageKeys = Permissions.ApiKeys.Manage;
    private static readonly string[] UnknownPermission = ["DataConnectors.Everything"];

    [Fact]
    public async Task A_key_of_the_wrong_form_or_checksum_is_refused_before_any_database_query()
    {
        var valid = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, View);
        var badChecksum = valid[..^1] + (valid[^1] == 'A' ? 'B' : 'A');
        string[] refused =
        [
            badChecksum,
            valid[..^1],
            valid + "0",
            "ntr_" + new string('0', 49),
            valid.Replace("ntr_", "ntx_", StringComparison.Ordinal),
            valid[..^1] + "-",
        ];

        foreach (var key in refused)
        {
            ApiKeySecret.HasValidShape(key).ShouldBeFalse(key);
            Factory.Logs.Clear();
            using var client = Client(Factory, key);
            using var response = await client.GetAsync("/api/v1/connections");

            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "invalid_api_key");
            KeyQueries().ShouldBeEmpty($"{key} was looked up in the database");
        }

        // The same watch sees the lookup of a well-formed key that does not exist.
        Factory.Logs.Clear();
        using var unknown = Client(Factory, ApiKeySecret.Generate().Plaintext);
        using var unknownResponse = await unknown.GetAsync("/api/v1/connections");
        await unknownResponse.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "invalid_api_key");
        KeyQueries().ShouldNotBeEmpty("a well-formed key is looked up");
    }

    [Fact]
    public async Task An_expired_key_is_refused_with_api_key_expired()
    {
        var expired = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, TimeSpan.FromMinutes(-1), View);
        using var client = Client(Factory, expired);

        using var response = await client.GetAsync("/api/v1/connections");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_expired");
    }

    [Fact]
    public async Task A_key_revoked_through_the_api_is_refused_at_once_on_this_instance()
    {
        var victim = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, View);
        using var victimClient = Client(Factory, victim);
        using var manager = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, ManageKeys));
        using (var warm = await victimClient.GetAsync("/api/v1/connections"))
        {
            warm.StatusCode.ShouldBe(HttpStatusCode.OK, "the key works, and is now cached");
        }

        var victimId = (await Factory.StoredKeyAsync(victim)).Id;
        using var revoke = await manager.DeleteAsync($"/api/v1/api-keys/{victimId}");
        revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent, await revoke.Content.ReadAsStringAsync());

        using var refused = await victimClient.GetAsync("/api/v1/connections");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_revoked");
        using var again = await manager.DeleteAsync($"/api/v1/api-keys/{victimId}");
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict", "already_revoked");
        (await Factory.StoredKeyAsync(victim)).RevokedAt.ShouldNotBeNull();
        var revoked = (await Factory.AuditEventsAsync("api_key.revoked"))
            .Where(e => e.Outcome == AuditOutcome.Success)
            .ShouldHaveSingleItem();
        revoked.Target.ShouldBe($"api_key:{victimId}");
        revoked.ActorType.ShouldBe(ActorType.ApiKey);
    }

    [Fact]
    public async Task A_key_anywhere_in_the_query_string_is_refused_even_beside_a_valid_header()
    {
        var key = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, View);
        using var withHeader = Client(Factory, key);
        using var anonymous = Client(Factory, null);

        foreach (
            var (client, path) in new[]
            {
                (withHeader, $"/api/v1/connections?cursor={key}"),
                (withHeader, $"/api/v1/connections?x=1&token={Uri.EscapeDataString(key)}"),
                (anonymous, $"/api/v1/connections?access_token={key}"),
                (anonymous, $"/api/v1/providers?key={key[..10]}"),
            }
        )
        {
            using var response = await client.GetAsync(path);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_in_url");
        }
    }

    [Fact]
    public async Task The_plaintext_is_in_the_create_response_only_and_the_database_holds_only_its_hash()
    {
        using var manager = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, ManageKeys, View));

        using var created = await manager.SendAsync(
            HttpMethod.Post,
            "/api/v1/api-keys",
            new
            {
                name = "ci pipeline",
                scopes = new[] { View },
                expiresInDays = 7,
            }
        );

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/v1/api-keys/{id}");
        var plaintext = body.GetProperty("plaintext").GetString()!;
        ApiKeySecret.HasValidShape(plaintext).ShouldBeTrue(plaintext);
        body.GetProperty("displayPrefix").GetString().ShouldBe(plaintext[..12]);

        using (var works = Client(Factory, plaintext))
        using (var response = await works.GetAsync("/api/v1/connections"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK, "the new key works");
        }

        using var list = await manager.GetAsync("/api/v1/api-keys");
        var listed = await list.Content.ReadAsStringAsync();
        listed.ShouldContain(id.ToString());
        listed.ShouldNotContain(plaintext[12..], Case.Sensitive);
        listed.ShouldNotContain("plaintext", Case.Insensitive);

        var stored = (await Factory.StoredKeysAsync()).Single(k => k.Id == id);
        stored.SecretHash.ShouldBe(ApiKeySecret.Hash(plaintext));
        stored.Prefix.ShouldBe(plaintext[..12]);
        stored.Scopes.ShouldBe([View]);
        (await Factory.StoredValuesContainingAsync(plaintext[12..])).ShouldBeEmpty("the secret part of the key is stored nowhere");
        Factory.Logs.Lines.Where(l => l.Contains(plaintext[12..], StringComparison.Ordinal)).ShouldBeEmpty("the key is logged nowhere");
        (await Factory.AuditEventsAsync("api_key.created")).ShouldHaveSingleItem().ActorType.ShouldBe(ActorType.ApiKey);
    }

    [Fact]
    public async Task A_key_cannot_be_given_a_permission_beyond_its_creator_or_itself()
    {
        await SetMemberPermissionsAsync(View, ManageKeys);

        // The member's key says Manage users, but the member has never held it.
        using var member = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoMember, ManageKeys, Permissions.Users.Manage)
        );
        using var beyondCreator = await member.SendAsync(
            HttpMethod.Post,
            "/api/v1/api-keys",
            new
            {
                name = "escalate",
                scopes = new[] { Permissions.Users.Manage },
                expiresInDays = 7,
            }
        );
        (await beyondCreator.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden"))
            .GetProperty("detail")
            .GetString()!
            .ShouldContain("Manage users");

        // The admin holds Read connector credentials, but the key creating the new one does not.
        using var admin = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, ManageKeys, View));
        using var beyondKey = await admin.SendAsync(
            HttpMethod.Post,
            "/api/v1/api-keys",
            new
            {
                name = "escalate",
                scopes = new[] { Permissions.DataConnectors.ReadCredentials },
                expiresInDays = 7,
            }
        );
        await beyondKey.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        using var unknown = await admin.SendAsync(
            HttpMethod.Post,
            "/api/v1/api-keys",
            new
            {
                name = "typo",
                scopes = UnknownPermission,
                expiresInDays = 7,
            }
        );
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation"))
            .GetProperty("errors")
            .TryGetProperty("scopes", out _)
            .ShouldBeTrue();

        (await Factory.StoredKeysAsync()).Count.ShouldBe(2, "no key was created");
        using var allowed = await admin.SendAsync(
            HttpMethod.Post,
            "/api/v1/api-keys",
            new
            {
                name = "fine",
                scopes = new[] { View },
                expiresInDays = 7,
            }
        );
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created, await allowed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_loses_a_permission_as_soon_as_its_creator_does()
    {
        using var client = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoMember, View));
        using (var before = await client.GetAsync("/api/v1/connections"))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await SetMemberPermissionsAsync(ManageKeys);

        using var after = await client.GetAsync("/api/v1/connections");
        await after.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var notGained = await client.GetAsync("/api/v1/api-keys");
        await notGained.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden", null);
    }

    [Fact]
    public async Task Last_use_is_recorded_with_the_address_and_not_rewritten_within_a_minute()
    {
        // No cache: every request reads the key afresh, so only the once-a-minute rule can keep the row unwritten.
        await using var host = Factory.WithSettings(("ApiKeys:CacheDuration", "00:00:00.001"));
        var key = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, View, ManageKeys);
        using var client = Client(host, key);

        using (var first = await FromAsync(client, "203.0.113.9"))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var used = await Factory.StoredKeyAsync(key);
        used.LastUsedIp.ShouldBe("203.0.113.9");
        used.LastUsedAt!.Value.ShouldBeInRange(DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow.AddSeconds(1));

        Factory.Logs.Clear();
        using (var second = await FromAsync(client, "203.0.113.10"))
        {
            second.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        KeyQueries().ShouldNotBeEmpty("the key was read again");
        KeyQueries()
            .Where(l => l.Contains("UPDATE", StringComparison.Ordinal))
            .ShouldBeEmpty("the key's row was written again within a minute");
        var unchanged = await Factory.StoredKeyAsync(key);
        unchanged.LastUsedAt.ShouldBe(used.LastUsedAt);
        unchanged.LastUsedIp.ShouldBe("203.0.113.9");

        using var list = await client.GetAsync("/api/v1/api-keys");
        var listed = (await list.JsonAsync()).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == used.Id);
        listed.GetProperty("lastUsedIp").GetString().ShouldBe("203.0.113.9");
        listed.GetProperty("lastUsedAt").GetDateTimeOffset().ShouldBe(used.LastUsedAt.Value, TimeSpan.FromMilliseconds(1));

        // A minute on, the next use is recorded again.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var minuteAgo = DateTimeOffset.UtcNow.AddSeconds(-61);
            await db
                .ApiKeys.IgnoreQueryFilters()
                .Where(k => k.Id == used.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, minuteAgo));
        }

        using (var later = await FromAsync(client, "203.0.113.11"))
        {
            later.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var recordedAgain = await Factory.StoredKeyAsync(key);
        recordedAgain.LastUsedIp.ShouldBe("203.0.113.11");
        recordedAgain.LastUsedAt!.Value.ShouldBeGreaterThan(used.LastUsedAt.Value);
    }

    private static async Task<HttpResponseMessage> FromAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/connections");
        request.Headers.Add(ClientAddressHeader, address);
        return await client.SendAsync(request);
    }

    /// <summary>The SQL the app sent that touched the ApiKeys table, since the logs were last cleared.</summary>
    private List<string> KeyQueries() =>
        [
            .. Factory.Logs.Lines.Where(l =>
                l.Contains("Executed DbCommand", StringComparison.Ordinal) && l.Contains("\"ApiKeys\"", StringComparison.Ordinal)
            ),
        ];

    /// <summary>Sets the demo member's permissions in the database, as the users page would.</summary>
    /// <summary>The demo admin changes the member's permissions on the Users page, as a person would.</summary>
    private async Task SetMemberPermissionsAsync(params string[] permissions)
    {
        const string usersPage = "/t/" + TestUsers.DemoTenant + "/settings/users";
        Guid membershipId;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var member = await db.Users.SingleAsync(u => u.Email == TestUsers.DemoMember);
            membershipId = await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == member.Id).Select(m => m.Id).SingleAsync();
        }

        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        using var response = await browser.SubmitAsync(
            usersPage,
            usersPage + "?handler=Permissions",
            [new("membershipId", membershipId.ToString()), .. permissions.Select(p => new KeyValuePair<string, string>("permissions", p))]
        );
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
