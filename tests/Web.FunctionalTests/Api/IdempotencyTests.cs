using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>A POST with an Idempotency-Key runs once per key and API key; its answer is kept encrypted.</summary>
public sealed class IdempotencyTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string CreateKey = "/api/v1/api-keys";
    private const string CreateLink = "/api/v1/connections/authorizations";

    private static readonly object KeyBody = new
    {
        name = "deploy",
        scopes = new[] { Permissions.DataConnectors.View },
        expiresInDays = 7,
    };
    private static readonly object LinkBody = new { provider = "salesforce", environment = "Production" };

    [Fact]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_answer_again_and_creates_nothing()
    {
        using var client = await ClientAsync();
        var before = await CountAsync();

        using var first = await client.SendAsync(HttpMethod.Post, CreateLink, LinkBody, Idempotency("retry-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, firstBody);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        var afterFirst = await CountAsync();

        using var retry = await client.SendAsync(HttpMethod.Post, CreateLink, LinkBody, Idempotency("retry-1"));

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(firstBody, "the same link");
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Content.Headers.ContentType!.MediaType.ShouldBe(Json);
        retry.Headers.CacheControl!.NoStore.ShouldBeTrue();
        afterFirst.ShouldBe(before + 1);
        (await CountAsync()).ShouldBe(afterFirst, "the retry created nothing");
        (await Factory.AuditEventsAsync("connection.authorization_link_created")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task S20_a_replayed_key_creation_answers_the_key_without_its_secret_and_creates_nothing()
    {
        using var client = await ClientAsync();
        var before = await CountAsync();
        using var first = await client.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("retry-key"));
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var created = await first.JsonAsync();
        var plaintext = created.GetProperty("plaintext").GetString()!;

        using var retry = await client.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("retry-key"));

        var text = await retry.Content.ReadAsStringAsync();
        retry.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        retry.Headers.CacheControl!.NoStore.ShouldBeTrue();
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        text.ShouldNotContain(plaintext[ApiKeySecret.DisplayPrefixLength..], Case.Sensitive, "the secret part of the key");
        text.ShouldNotContain("plaintext", Case.Insensitive);
        text.ShouldNotContain("secret", Case.Insensitive);
        var replayed = await retry.JsonAsync();
        replayed.GetProperty("id").GetGuid().ShouldBe(created.GetProperty("id").GetGuid());
        replayed.GetProperty("name").GetString().ShouldBe("deploy");
        replayed.GetProperty("displayPrefix").GetString().ShouldBe(plaintext[..ApiKeySecret.DisplayPrefixLength]);
        replayed.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe([Permissions.DataConnectors.View]);
        var expiresAt = created.GetProperty("expiresAt").GetDateTimeOffset();
        replayed.GetProperty("expiresAt").GetDateTimeOffset().ShouldBe(expiresAt, TimeSpan.FromMilliseconds(1));
        replayed.GetProperty("status").GetString().ShouldBe("Active");
        (await CountAsync()).ShouldBe(before + 1, "the retry created nothing");
        (await Factory.AuditEventsAsync("api_key.created")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task S20_a_replay_by_a_key_whose_creator_lost_manage_api_keys_is_refused_with_403_and_no_secret()
    {
        await SetMemberPermissionsAsync(Permissions.ApiKeys.Manage, Permissions.DataConnectors.View);
        var key = await TenantKeyAsync(
            Factory,
            TestUsers.DemoTenant,
            TestUsers.DemoMember,
            Permissions.ApiKeys.Manage,
            Permissions.DataConnectors.View
        );
        using var member = Client(Factory, key);
        using var first = await member.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("lost-access"));
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var plaintext = (await first.JsonAsync()).GetProperty("plaintext").GetString()!;

        await SetMemberPermissionsAsync(Permissions.DataConnectors.View);
        using var retry = await member.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("lost-access"));

        await retry.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        retry.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await retry.Content.ReadAsStringAsync()).ShouldNotContain(plaintext[ApiKeySecret.DisplayPrefixLength..], Case.Sensitive);
    }

    [Fact]
    public async Task S20_a_replay_after_the_new_key_was_revoked_shows_it_revoked()
    {
        using var client = await ClientAsync();
        using var first = await client.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("then-revoked"));
        var id = (await first.JsonAsync()).GetProperty("id").GetGuid();
        using (var revoke = await client.DeleteAsync($"{CreateKey}/{id}"))
        {
            revoke.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var retry = await client.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("then-revoked"));

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.JsonAsync()).GetProperty("status").GetString().ShouldBe("Revoked");
    }

    [Fact]
    public async Task S20_a_replayed_tenant_creation_never_shows_the_new_admins_password_again()
    {
        using var platform = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        var body = new
        {
            name = "Replay",
            slug = "replay",
            adminEmail = "admin@replay.test",
        };
        using var first = await platform.SendAsync(HttpMethod.Post, "/api/v1/platform/tenants", body, Idempotency("tenant-1"));
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var created = await first.JsonAsync();

        using var retry = await platform.SendAsync(HttpMethod.Post, "/api/v1/platform/tenants", body, Idempotency("tenant-1"));

        var text = await retry.Content.ReadAsStringAsync();
        retry.StatusCode.ShouldBe(HttpStatusCode.Created, text);
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        text.ShouldNotContain("password", Case.Insensitive);
        if (created.TryGetProperty("adminInitialPassword", out var password) && password.GetString() is { } secret)
        {
            text.ShouldNotContain(secret, Case.Sensitive);
        }

        (await retry.JsonAsync()).GetProperty("tenantId").GetGuid().ShouldBe(created.GetProperty("tenantId").GetGuid());
    }

    [Fact]
    public async Task The_same_idempotency_key_on_another_body_is_refused_with_422()
    {
        using var client = await ClientAsync();
        using (var first = await client.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("reused")))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var before = await CountAsync();

        using var other = await client.SendAsync(
            HttpMethod.Post,
            CreateKey,
            new
            {
                name = "another",
                scopes = new[] { Permissions.DataConnectors.View },
                expiresInDays = 7,
            },
            Idempotency("reused")
        );
        using var otherPath = await client.SendAsync(HttpMethod.Post, CreateLink, LinkBody, Idempotency("reused"));

        await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused", "idempotency_key_reused");
        await otherPath.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused", "idempotency_key_reused");
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_kept_answer_is_encrypted_so_the_key_plaintext_is_not_in_the_database()
    {
        using var client = await ClientAsync();

        using var created = await client.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("stored"));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var plaintext = (await created.JsonAsync()).GetProperty("plaintext").GetString()!;
        var record = await Factory.DbAsync(db => db.IdempotencyRecords.AsNoTracking().SingleAsync());
        record.Completed.ShouldBeTrue();
        record.StatusCode.ShouldBe(201);
        record.ProtectedBody.ShouldNotBeNullOrEmpty();
        (await Factory.StoredValuesContainingAsync(plaintext[12..], "IdempotencyRecords")).ShouldBeEmpty("the kept answer shows the key");
        (await Factory.StoredValuesContainingAsync("deploy", "IdempotencyRecords")).ShouldBeEmpty("the kept answer is readable");
        (await Factory.StoredValuesContainingAsync(plaintext[12..])).ShouldBeEmpty("the key's plaintext is stored somewhere");
    }

    [Fact]
    public async Task Another_api_key_with_the_same_idempotency_key_is_independent()
    {
        using var first = await ClientAsync();
        using var second = await ClientAsync();

        using var one = await first.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("shared"));
        using var two = await second.SendAsync(HttpMethod.Post, CreateKey, KeyBody, Idempotency("shared"));

        one.StatusCode.ShouldBe(HttpStatusCode.Created);
        two.StatusCode.ShouldBe(HttpStatusCode.Created);
        two.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        (await two.JsonAsync())
            .GetProperty("plaintext")
            .GetString()
            .ShouldNotBe((await one.JsonAsync()).GetProperty("plaintext").GetString());
        (await Factory.StoredKeysAsync()).Count(k => k.Name == "deploy").ShouldBe(2);
    }

    [Fact]
    public async Task A_first_request_that_never_finished_gives_its_key_up_after_the_lease_and_one_retry_takes_it_over()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIdempotencyStore>();
        var cancel = TestContext.Current.CancellationToken;
        var started = (await store.BeginAsync("key:lost", "k1", "hash", cancel)).ShouldBeOfType<IdempotencyBegin.Started>();
        (await store.BeginAsync("key:lost", "k1", "hash", cancel)).ShouldBeOfType<IdempotencyBegin.InProgress>(
            "within the lease the first request may still be running"
        );

        // Its instance lost the database before it could complete or abandon the record; the lease is 5 minutes.
        var longAgo = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(6);
        await Factory.DbAsync(db =>
            db.IdempotencyRecords.Where(r => r.Id == started.RecordId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, longAgo), cancel)
        );

        var outcomes = await Task.WhenAll(
            Enumerable
                .Range(0, 4)
                .Select(async _ =>
                {
                    await using var retry = Factory.Services.CreateAsyncScope();
                    return await retry.ServiceProvider.GetRequiredService<IIdempotencyStore>().BeginAsync("key:lost", "k1", "hash", cancel);
                })
        );

        outcomes.OfType<IdempotencyBegin.Started>().ShouldHaveSingleItem().RecordId.ShouldBe(started.RecordId);
        outcomes.Count(o => o is IdempotencyBegin.InProgress).ShouldBe(3);
    }

    private async Task SetMemberPermissionsAsync(params string[] permissions)
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        await SetDemoMemberPermissionsAsync(admin, permissions);
    }

    private async Task<HttpClient> ClientAsync() =>
        Client(
            Factory,
            await TenantKeyAsync(
                Factory,
                TestUsers.DemoTenant,
                TestUsers.DemoAdmin,
                Permissions.ApiKeys.Manage,
                Permissions.DataConnectors.View,
                Permissions.DataConnectors.Configure
            )
        );

    /// <summary>Keys and links in the database: what a POST here creates.</summary>
    private Task<int> CountAsync() =>
        Factory.DbAsync(async db =>
            await db.ApiKeys.IgnoreQueryFilters().CountAsync() + await db.AuthorizationLinks.IgnoreQueryFilters().CountAsync()
        );

    private static KeyValuePair<string, string>[] Idempotency(string key) => [new("Idempotency-Key", key)];
}
