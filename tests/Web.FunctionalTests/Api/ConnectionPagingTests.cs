using System.Net;
using System.Text.Json;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>GET /connections pages newest first by a cursor that is the last id of the page.</summary>
public sealed class ConnectionPagingTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Walking_the_pages_returns_every_connection_once_newest_first()
    {
        var created = await AddConnectionsAsync(5);
        using var client = await ClientAsync();

        var pages = await WalkAsync(client, "/api/v1/connections?limit=2");

        pages.Select(p => p.Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p).ShouldBe(created.AsEnumerable().Reverse());
    }

    [Fact]
    public async Task A_connection_added_between_pages_does_not_shift_the_later_pages()
    {
        var created = await AddConnectionsAsync(4);
        using var client = await ClientAsync();
        var (first, cursor) = await PageAsync(client, "/api/v1/connections?limit=2");
        first.ShouldBe([created[3], created[2]]);

        var added = await Factory.AddConnectionAsync(TestUsers.DemoTenant, DateTimeOffset.UtcNow);
        var (second, last) = await PageAsync(client, $"/api/v1/connections?limit=2&cursor={Uri.EscapeDataString(cursor!)}");

        second.ShouldBe([created[1], created[0]]);
        last.ShouldBeNull();
        (await WalkAsync(client, "/api/v1/connections?limit=2"))
            .SelectMany(p => p)
            .ShouldBe([added, created[3], created[2], created[1], created[0]]);
    }

    [Fact]
    public async Task A_cursor_that_is_not_one_is_a_validation_problem_naming_cursor()
    {
        await AddConnectionsAsync(1);
        using var client = await ClientAsync();
        string[] garbage =
        [
            "garbage!",
            "AAAA",
            new string('A', 20),
            new string('A', 40),
            "%00",
            "%F0%9F%98%80",
            "../../etc/passwd",
            "0",
            " ",
        ];

        foreach (var cursor in garbage)
        {
            using var response = await client.GetAsync($"/api/v1/connections?cursor={cursor}");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
            problem.GetProperty("errors").TryGetProperty("cursor", out _).ShouldBeTrue(cursor);
        }
    }

    [Fact]
    public async Task A_limit_outside_1_to_200_is_a_validation_problem_naming_limit()
    {
        using var client = await ClientAsync();

        foreach (var limit in new[] { "0", "-1", "201", "2147483647" })
        {
            using var response = await client.GetAsync($"/api/v1/connections?limit={limit}");
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation", "validation_failed");
            problem.GetProperty("errors").TryGetProperty("limit", out _).ShouldBeTrue(limit);
        }

        using var notANumber = await client.GetAsync("/api/v1/connections?limit=ten");
        await notANumber.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    /// <summary>Connections of the demo tenant made a second apart, oldest first.</summary>
    private async Task<List<Guid>> AddConnectionsAsync(int count)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await Factory.AddConnectionAsync(TestUsers.DemoTenant, start.AddSeconds(i)));
        }

        return ids;
    }

    private async Task<HttpClient> ClientAsync() =>
        Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View));

    private static async Task<List<List<Guid>>> WalkAsync(HttpClient client, string path)
    {
        var pages = new List<List<Guid>>();
        string? next = path;
        while (next is not null)
        {
            pages.Count.ShouldBeLessThan(20, "the pages never end");
            var (items, cursor) = await PageAsync(client, next);
            pages.Add(items);
            next = cursor is null ? null : $"{path}&cursor={Uri.EscapeDataString(cursor)}";
        }

        return pages;
    }

    private static async Task<(List<Guid> Items, string? NextCursor)> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = await response.JsonAsync();
        var cursor = page.GetProperty("nextCursor");
        return (
            [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())],
            cursor.ValueKind == JsonValueKind.Null ? null : cursor.GetString()
        );
    }
}
