using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Redis;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Redis;

/// <summary>
/// Two instances on one database and one Redis, as production runs with <c>Redis:Configuration</c>: they share each
/// rate limit, a key revoked on one fails on the other within a second, and Redis going away leaves every instance
/// limiting on its own (never no limit, never a 500) until it is back. Each test has key names of its own.
/// </summary>
public sealed class RedisScalingTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Connections = "/api/v1/connections";

    private readonly string _prefix = $"natero-test:{Guid.NewGuid():N}:";

    [Fact]
    public async Task Two_instances_share_one_per_key_limit_and_the_next_request_on_either_is_429_with_retry_after()
    {
        var redis = TestRedis.Require("Shared rate limits");
        await using var first = Instance(redis, ("RateLimits:PerKey:PermitLimit", "4"));
        await using var second = Instance(redis, ("RateLimits:PerKey:PermitLimit", "4"));
        var key = await ViewKeyAsync();
        using var a = Client(first, key);
        using var b = Client(second, key);

        await UseUpAsync(4, "across both instances", a, b);
    }

    [Fact]
    public async Task Two_instances_share_the_sign_in_limit_of_an_address()
    {
        var redis = TestRedis.Require("The shared sign-in limit");
        await using var first = Instance(redis, ("RateLimits:SignIn:PermitLimit", "3"));
        await using var second = Instance(redis, ("RateLimits:SignIn:PermitLimit", "3"));
        using var a = PageClient(first);
        using var b = PageClient(second);

        for (var i = 0; i < 3; i++)
        {
            using var attempt = await SignInAttemptAsync(i % 2 == 0 ? a : b);
            attempt.StatusCode.ShouldNotBe(HttpStatusCode.TooManyRequests, $"attempt {i + 1} of 3");
        }

        foreach (var client in new[] { a, b })
        {
            using var refused = await SignInAttemptAsync(client);
            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter.ShouldNotBeNull();
            (await refused.Content.ReadAsStringAsync()).ShouldContain("Too many attempts");
        }
    }

    [Fact]
    public async Task A_key_revoked_on_one_instance_fails_on_the_other_within_a_second()
    {
        var redis = TestRedis.Require("Revocation across instances");
        // Cached for ten minutes: only the message between the instances can explain a refusal within a second.
        await using var first = Instance(redis, ("ApiKeys:CacheDuration", "00:10:00"));
        await using var second = Instance(redis, ("ApiKeys:CacheDuration", "00:10:00"));
        var manager = await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.ApiKeys.Manage);
        var revoked = await ViewKeyAsync();
        var revokedId = (await Factory.StoredKeyAsync(revoked)).Id;
        using var onSecond = Client(second, revoked);
        using (var cached = await onSecond.GetAsync(Connections))
        {
            cached.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var managing = Client(first, manager);
        using (var revocation = await managing.DeleteAsync($"/api/v1/api-keys/{revokedId}"))
        {
            revocation.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        var refused = await Poll.UntilAsync(TimeSpan.FromSeconds(1), async () =>
        {
            using var response = await onSecond.GetAsync(Connections);
            return response.StatusCode == HttpStatusCode.Unauthorized;
        });
        refused.ShouldBeTrue("the revoked key still worked on the other instance a second later");
        using var after = await onSecond.GetAsync(Connections);
        await after.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_revoked");
    }

    [Fact]
    public async Task Redis_going_away_leaves_each_instance_limiting_alone_with_one_warning_and_its_return_shares_again()
    {
        var redis = TestRedis.Require("Redis going away");
        await using var proxy = RedisProxy.Start(redis);
        await using var first = Instance(proxy.Configuration, ("RateLimits:PerKey:PermitLimit", "3"));
        await using var second = Instance(proxy.Configuration, ("RateLimits:PerKey:PermitLimit", "3"));
        (await ConnectedAsync(first, second)).ShouldBeTrue("both instances connect to Redis");
        Factory.Logs.Clear();

        proxy.Cut();
        (await Poll.UntilAsync(TimeSpan.FromSeconds(10), () => Task.FromResult(!Connected(first) && !Connected(second)))).ShouldBeTrue();
        var duringOutage = await ViewKeyAsync();
        foreach (var instance in new[] { first, second })
        {
            using var client = Client(instance, duringOutage);
            await UseUpAsync(3, "counted by this instance alone", client);
        }

        Factory
            .Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Redis cannot be reached"))
            .Count()
            .ShouldBe(2, "one warning per instance for the outage, not one per request");

        proxy.Restore();
        (await ConnectedAsync(first, second)).ShouldBeTrue("both instances come back to Redis");
        var afterOutage = await ViewKeyAsync();
        using var a = Client(first, afterOutage);
        using var b = Client(second, afterOutage);
        await UseUpAsync(3, "shared again", a, b);
        Factory.Logs.Lines.ShouldContain(l => l.Contains("Redis is back"));
    }

    [Fact]
    public async Task An_instance_that_cannot_reach_redis_when_it_starts_still_limits_and_reports_degraded()
    {
        await using var instance = Instance($"127.0.0.1:{TestRedis.FreePort()}", ("RateLimits:PerKey:PermitLimit", "2"));
        using var client = Client(instance, await ViewKeyAsync());

        await UseUpAsync(2, "counted by this instance alone", client);
        using var health = await client.GetAsync("/health/ready");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).ShouldBe("Degraded");
        Factory.Logs.Lines.ShouldContain(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Redis cannot be reached"));
    }

    private WebApplicationFactory<Program> Instance(string redis, params (string Key, string Value)[] settings) =>
        Factory.WithSettings([("Redis:Configuration", redis), ("Redis:KeyPrefix", _prefix), .. settings]);

    private Task<string> ViewKeyAsync() =>
        TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View);

    private static HttpClient PageClient(WebApplicationFactory<Program> instance)
    {
        var client = instance.CreateClient(
            new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }
        );
        client.DefaultRequestHeaders.Add(ClientAddressHeader, "198.51.100.7");
        return client;
    }

    /// <summary>A sign-in form post; whatever the page makes of it, the limit counts it first.</summary>
    private static Task<HttpResponseMessage> SignInAttemptAsync(HttpClient client) =>
        client.PostAsync(
            "/account/sign-in",
            new FormUrlEncodedContent([new("Input.Email", TestUsers.DemoAdmin), new("Input.Password", "not the password")])
        );

    /// <summary>
    /// Spends a limit of <paramref name="limit"/> requests by the clients in turn, each answered, then asserts the
    /// next request of each client is refused.
    /// </summary>
    private static async Task UseUpAsync(int limit, string how, params HttpClient[] clients)
    {
        for (var i = 0; i < limit; i++)
        {
            using var allowed = await clients[i % clients.Length].GetAsync(Connections);
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK, $"request {i + 1} of {limit} {how}");
        }

        foreach (var client in clients)
        {
            using var limited = await client.GetAsync(Connections);
            await ShouldBeLimitedAsync(limited);
        }
    }

    private static async Task ShouldBeLimitedAsync(HttpResponseMessage response)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited", "rate_limited");
        var retryAfter = response.Headers.GetValues("Retry-After").ShouldHaveSingleItem();
        int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
    }

    private static bool Connected(WebApplicationFactory<Program> instance) =>
        instance.Services.GetRequiredService<RedisConnection>().Available is not null;

    private static Task<bool> ConnectedAsync(params WebApplicationFactory<Program>[] instances) =>
        Poll.UntilAsync(TimeSpan.FromSeconds(20), () => Task.FromResult(instances.All(Connected)));
}
