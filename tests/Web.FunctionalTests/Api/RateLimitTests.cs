using System.Net;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>
/// A4, S18: a fixed window of requests per key, one per tenant that all its keys share, and one per address for
/// requests without a valid key.
/// </summary>
public sealed class RateLimitTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task The_request_after_the_limit_is_429_problem_details_with_retry_after_and_another_key_is_unaffected()
    {
        await using var host = Factory.WithSettings(("RateLimits:PerKey:PermitLimit", "5"), ("RateLimits:PerKey:Window", "00:01:00"));
        using var first = Client(
            host,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View)
        );
        using var second = Client(
            host,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View)
        );

        for (var i = 1; i <= 5; i++)
        {
            using var allowed = await first.GetAsync("/api/v1/connections");
            allowed.StatusCode.ShouldBe(HttpStatusCode.OK, $"request {i}");
        }

        using var limited = await first.GetAsync("/api/v1/connections");
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited", "rate_limited");
        var retryAfter = limited.Headers.GetValues("Retry-After").ShouldHaveSingleItem();
        int.TryParse(retryAfter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            .ShouldBeTrue(retryAfter);
        seconds.ShouldBeInRange(1, 60);

        // Other endpoints count against the same key; another key has its own window.
        using var elsewhere = await first.GetAsync("/api/v1/providers");
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        using var other = await second.GetAsync("/api/v1/connections");
        other.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task S18_keys_of_one_tenant_share_the_tenant_limit_and_another_tenant_is_unaffected()
    {
        await Factory.CreateTenantAsync(OtherTenant);
        await using var host = Factory.WithSettings(
            ("RateLimits:PerKey:PermitLimit", "100"),
            ("RateLimits:PerTenant:PermitLimit", "6"),
            ("RateLimits:PerTenant:Window", "00:01:00")
        );
        using var first = Client(host, await ViewKeyAsync(TestUsers.DemoTenant, TestUsers.DemoAdmin));
        using var second = Client(host, await ViewKeyAsync(TestUsers.DemoTenant, TestUsers.DemoMember));
        using var other = Client(host, await ViewKeyAsync(OtherTenant, OtherAdmin));

        var allowed = 0;
        for (var i = 0; i < 10; i++)
        {
            using var response = await (i % 2 == 0 ? first : second).GetAsync("/api/v1/connections");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                allowed++;
                continue;
            }

            await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited", "rate_limited");
            response.Headers.RetryAfter.ShouldNotBeNull();
        }

        allowed.ShouldBe(6, "two keys together get no more than their tenant's limit");
        using var otherTenant = await other.GetAsync("/api/v1/connections");
        otherTenant.StatusCode.ShouldBe(HttpStatusCode.OK, "another tenant has its own budget");
    }

    [Fact]
    public async Task A_key_over_its_own_limit_does_not_spend_its_tenants_budget()
    {
        await using var host = Factory.WithSettings(("RateLimits:PerKey:PermitLimit", "2"), ("RateLimits:PerTenant:PermitLimit", "4"));
        using var greedy = Client(host, await ViewKeyAsync(TestUsers.DemoTenant, TestUsers.DemoAdmin));
        using var polite = Client(host, await ViewKeyAsync(TestUsers.DemoTenant, TestUsers.DemoAdmin));

        for (var i = 0; i < 10; i++)
        {
            using var response = await greedy.GetAsync("/api/v1/connections");
            response.StatusCode.ShouldBe(i < 2 ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, $"request {i + 1}");
        }

        for (var i = 0; i < 2; i++)
        {
            using var response = await polite.GetAsync("/api/v1/connections");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, "the tenant's budget still has what the greedy key did not get");
        }
    }

    [Theory]
    [InlineData("RateLimits:PerTenant:PermitLimit", "0")]
    [InlineData("RateLimits:PerTenant:Window", "00:00:00")]
    public void A_tenant_limit_of_nothing_stops_the_app_at_start_up_naming_the_key(string key, string value)
    {
        using var host = Factory.WithSettings((key, value));

        var failure = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => host.CreateClient());

        failure.Message.ShouldContain("RateLimits:PerTenant");
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_limited_per_address()
    {
        await using var host = Factory.WithSettings(
            ("RateLimits:PerAddress:PermitLimit", "3"),
            ("RateLimits:PerAddress:Window", "00:01:00")
        );
        using var anonymous = Client(host, null);
        using var badKey = Client(host, "ntr_notakey");
        using var keyed = Client(
            host,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View)
        );

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

    private Task<string> ViewKeyAsync(string tenant, string creator) =>
        TenantKeyAsync(Factory, tenant, creator, Permissions.DataConnectors.View);

    private static async Task<HttpResponseMessage> FromAsync(HttpClient client, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/connections");
        request.Headers.Add(ClientAddressHeader, address);
        return await client.SendAsync(request);
    }
}
