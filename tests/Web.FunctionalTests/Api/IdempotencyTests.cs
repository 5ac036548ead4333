using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    private static readonly object KeyBody = new { name = "deploy", scopes = new[] { Permissions.DataConnectors.View }, expiresInDays = 7 };
    private static readonly object LinkBody = new { provider = "salesforce", environment = "Production" };

    [Theory]
    [InlineData(CreateKey)]
    [InlineData(CreateLink)]
    public async Task A_retry_with_the_same_key_and_body_gets_the_first_answer_again_and_creates_nothing(string path)
    {
        using var client = await ClientAsync();
        var body = path == CreateKey ? KeyBody : LinkBody;
        var before = await CountAsync();

        using var first = await client.SendAsync(HttpMethod.Post, path, body, Idempotency("retry-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, firstBody);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        var afterFirst = await CountAsync();

        using var retry = await client.SendAsync(HttpMethod.Post, path, body, Idempotency("retry-1"));

        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(firstBody, "the same key plaintext or link");
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Content.Headers.ContentType!.MediaType.ShouldBe(Json);
        retry.Headers.CacheControl!.NoStore.ShouldBeTrue();
        afterFirst.ShouldBe(before + 1);
        (await CountAsync()).ShouldBe(afterFirst, "the retry created nothing");
        (await Factory.AuditEventsAsync(path == CreateKey ? "api_key.created" : "connection.authorization_link_created")).Count.ShouldBe(1);
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

        using var other = await client.SendAsync(HttpMethod.Post, CreateKey, new { name = "another", scopes = new[] { Permissions.DataConnectors.View }, expiresInDays = 7 }, Idempotency("reused"));
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
        (await two.JsonAsync()).GetProperty("plaintext").GetString().ShouldNotBe((await one.JsonAsync()).GetProperty("plaintext").GetString());
        (await Factory.StoredKeysAsync()).Count(k => k.Name == "deploy").ShouldBe(2);
    }

    [Fact]
    public async Task A_first_request_that_never_finished_gives_its_key_up_after_the_lease_and_one_retry_takes_it_over()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IIdempotencyStore>();
        var cancel = TestContext.Current.CancellationToken;
        var started = (await store.BeginAsync("key:lost", "k1", "hash", cancel)).ShouldBeOfType<IdempotencyBegin.Started>();
        (await store.BeginAsync("key:lost", "k1", "hash", cancel)).ShouldBeOfType<IdempotencyBegin.InProgress>("within the lease the first request may still be running");

        // Its instance lost the database before it could complete or abandon the record; the lease is 5 minutes.
        var longAgo = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(6);
        await Factory.DbAsync(db => db.IdempotencyRecords.Where(r => r.Id == started.RecordId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAt, longAgo), cancel));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var retry = Factory.Services.CreateAsyncScope();
            return await retry.ServiceProvider.GetRequiredService<IIdempotencyStore>().BeginAsync("key:lost", "k1", "hash", cancel);
        }));

        outcomes.OfType<IdempotencyBegin.Started>().ShouldHaveSingleItem().RecordId.ShouldBe(started.RecordId);
        outcomes.Count(o => o is IdempotencyBegin.InProgress).ShouldBe(3);
    }

    private async Task<HttpClient> ClientAsync() =>
        Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.ApiKeys.Manage, Permissions.DataConnectors.View, Permissions.DataConnectors.Configure));

    /// <summary>Keys and links in the database: what a POST here creates.</summary>
    private Task<int> CountAsync() =>
        Factory.DbAsync(async db => await db.ApiKeys.IgnoreQueryFilters().CountAsync() + await db.AuthorizationLinks.IgnoreQueryFilters().CountAsync());

    private static KeyValuePair<string, string>[] Idempotency(string key) => [new("Idempotency-Key", key)];
}
