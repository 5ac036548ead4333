using System.Net;
using System.Net.Http.Headers;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>GET /connections/{id} sends an ETag; If-None-Match with it answers 304 until the connection changes.</summary>
public sealed class ETagTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task If_none_match_with_the_current_etag_is_304_without_a_body()
    {
        var id = await Factory.AddConnectionAsync(TestUsers.DemoTenant, DateTimeOffset.UtcNow);
        using var client = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View)
        );

        var (tag, _) = await GetAsync(client, id);

        foreach (var ifNoneMatch in new[] { tag.ToString(), $"W/{tag}", $"\"other\", {tag}", "*" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/connections/{id}");
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            using var response = await client.SendAsync(request);

            response.StatusCode.ShouldBe(HttpStatusCode.NotModified, ifNoneMatch);
            (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty(ifNoneMatch);
            response.Headers.ETag.ShouldBe(tag, ifNoneMatch);
        }

        using var stale = await GetIfNoneMatchAsync(client, id, new EntityTagHeaderValue("\"not-the-tag\""));
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_etag_changes_when_the_connection_is_verified_or_suspended_and_the_old_one_gets_200()
    {
        var id = await Factory.ConnectDemoAsync();
        using var client = Client(
            Factory,
            await TenantKeyAsync(
                Factory,
                TestUsers.DemoTenant,
                TestUsers.DemoAdmin,
                Permissions.DataConnectors.View,
                Permissions.DataConnectors.Configure
            )
        );
        using var platform = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        var tags = new List<EntityTagHeaderValue> { (await GetAsync(client, id)).Tag };

        foreach (
            var (change, path) in new[]
            {
                (client, $"/api/v1/connections/{id}/verify"),
                (platform, $"/api/v1/platform/connections/{id}/suspend"),
            }
        )
        {
            using (
                var changed = await change.SendAsync(
                    HttpMethod.Post,
                    path,
                    path.EndsWith("suspend", StringComparison.Ordinal) ? new { reason = "etag test" } : null
                )
            )
            {
                changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
            }

            using var old = await GetIfNoneMatchAsync(client, id, tags[^1]);
            old.StatusCode.ShouldBe(HttpStatusCode.OK, $"after {path}");
            (await old.JsonAsync()).GetProperty("id").GetGuid().ShouldBe(id);
            var (tag, _) = await GetAsync(client, id);
            tags.ShouldNotContain(tag, $"after {path}");
            tags.Add(tag);
        }

        using var current = await GetIfNoneMatchAsync(client, id, tags[^1]);
        current.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    private static async Task<(EntityTagHeaderValue Tag, string Body)> GetAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/connections/{id}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Headers.ETag.ShouldNotBeNull();
        response.Headers.ETag.IsWeak.ShouldBeFalse();
        return (response.Headers.ETag, body);
    }

    private static async Task<HttpResponseMessage> GetIfNoneMatchAsync(HttpClient client, Guid id, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/connections/{id}");
        request.Headers.IfNoneMatch.Add(tag);
        return await client.SendAsync(request);
    }
}
