using System.Net;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>A4: a fixed window of requests per key, and per address for requests without a valid key.</summary>
public sealed class RateLimitTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_request_after_the_limit_is_429_problem_details_with_retry_after_and_another_key_is_unaffected()
    {
        await using var host = Factory.WithSettings(("RateLimits:PerKey:PermitLimit", "5"), ("RateLimits:PerKey:Window", "00:01:00"));
        using var first = Client(host, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View));
        using var second = Client(host, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View));

        for (var i = 1; i <= 5; i++)
        {
            using var allowed = await first.GetAsync("/api/v1/connections");
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK, $"request {i}");
        }

        using var limited = await first.GetAsync("/api/v1/connections");
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited", "rate_limited");
        var retryAfter = limited.Headers.GetValues("Retry-After").ShouldHaveSingleItem();
        int.TryParse(retryAfter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds).ShouldBeTrue(retryAfter);
        seconds.ShouldBeInRange(1, 60);

        // Other endpoints count against the same key; another key has its own window.
        using var elsewhere = await first.GetAsync("/api/v1/providers");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        using var other = await second.GetAsync("/api/v1/connections");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_limited_per_address()
    {
        await using var host = Factory.WithSettings(("RateLimits:PerAddress:PermitLimit", "3"), ("RateLimits:PerAddress:Window", "00:01:00"));
        using var anonymous = Client(host, null);
        using var badKey = Client(host, "ntr_notakey");
        using var keyed = Client(host, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View));

        for (var i = 1; i <= 3; i++)
        {
            using var refused = await FromAsync(i == 2 ? badKey : anonymous, "198.51.100.1");
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"request {i}");
        }

        using (var limited = await FromAsync(anonymous, "198.51.100.1"))
        {
            await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited", "rate_limited");
            limited.Headers.RetryAfter.ShouldNotBeNull();
        }

        using (var guessing = await FromAsync(badKey, "198.51.100.1"))
        {
            guessing.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "guessing keys from a limited address is limited too");
        }

        using (var elsewhere = await FromAsync(anonymous, "198.51.100.2"))
        {
            elsewhere.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "another address has its own window");
        }

        using var withKey = await FromAsync(keyed, "198.51.100.1");
        withKey.StatusCode.ShouldBe(HttpStatusCode.OK, "a valid key is counted per key, not per address");
    }

    private static async Task<HttpResponseMessage> FromAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/connections");
        request.Headers.Add(ClientAddressHeader, address);
        return await client.SendAsync(request);
    }
}
