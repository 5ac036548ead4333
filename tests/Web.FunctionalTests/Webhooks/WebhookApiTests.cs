using System.Net;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Webhooks;

/// <summary><c>/api/v1/webhooks</c> and <c>/api/v1/platform/webhooks</c> (DESIGN section 15).</summary>
public sealed class WebhookApiTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string PublicUrl = "https://93.184.216.34/hooks";
    private static readonly string[] All = ["*"];
    private static readonly string[] NeedsReauthorization = ["connection.needs_reauthorization"];

    private async Task<HttpClient> ConfigurerAsync() =>
        Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.Configure));

    [Fact]
    public async Task An_endpoint_is_created_with_its_secret_once_then_listed_tested_rotated_and_deleted_without_it()
    {
        using var client = await ConfigurerAsync();

        using var created = await client.SendAsync(
            HttpMethod.Post,
            "/api/v1/webhooks",
            new
            {
                url = PublicUrl,
                description = "CRM sync",
                eventTypes = NeedsReauthorization,
            }
        );

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        var secret = body.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");
        created.Headers.Location!.OriginalString.ShouldEndWith($"/api/v1/webhooks/{id}");
        body.GetProperty("endpoint").GetProperty("eventTypes")[0].GetString().ShouldBe("connection.needs_reauthorization");

        using var list = await client.GetAsync("/api/v1/webhooks");
        var listed = await list.Content.ReadAsStringAsync();
        listed.ShouldContain(id.ToString());
        listed.ShouldNotContain(secret);

        using var test = await client.PostAsync($"/api/v1/webhooks/{id}/test", null);
        test.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await test.JsonAsync()).GetProperty("eventType").GetString().ShouldBe("webhook.test");
        using var deliveries = await client.GetAsync($"/api/v1/webhooks/{id}/deliveries");
        (await deliveries.JsonAsync()).GetArrayLength().ShouldBe(1);

        using var rotated = await client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null);
        var newSecret = (await rotated.JsonAsync()).GetProperty("secret").GetString()!;
        newSecret.ShouldNotBe(secret);

        using var patched = await client.SendAsync(HttpMethod.Patch, $"/api/v1/webhooks/{id}", new { enabled = false });
        (await patched.JsonAsync()).GetProperty("enabled").GetBoolean().ShouldBeFalse();

        using var deleted = await client.DeleteAsync($"/api/v1/webhooks/{id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var gone = await client.GetAsync($"/api/v1/webhooks/{id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var audit = await Factory.AuditEventsAsync("webhook.created");
        audit.ShouldHaveSingleItem().Data!.ShouldNotContain(secret);
        Factory.Logs.Lines.ShouldNotContain(l => l.Contains(secret) || l.Contains(newSecret));
    }

    [Theory]
    [InlineData("http://93.184.216.34/hooks", "https")]
    [InlineData("https://127.0.0.1/hooks", "loopback")]
    [InlineData("https://192.168.1.10/hooks", "private")]
    public async Task S28_an_unsafe_url_is_refused_with_a_problem_naming_the_url_field(string url, string words)
    {
        using var client = await ConfigurerAsync();

        using var response = await client.SendAsync(HttpMethod.Post, "/api/v1/webhooks", new { url, eventTypes = All });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("code").GetString().ShouldBe("webhook_url_refused");
        problem.GetProperty("errors").GetProperty("url").GetArrayLength().ShouldBe(1);
        problem.GetProperty("detail").GetString()!.ShouldContain(words, Case.Insensitive);
    }

    [Fact]
    public async Task An_idempotent_replay_of_a_creation_never_shows_the_secret_again()
    {
        using var client = await ConfigurerAsync();
        KeyValuePair<string, string>[] idempotency = [new("Idempotency-Key", "webhook-create-1")];

        using var first = await client.SendAsync(
            HttpMethod.Post,
            "/api/v1/webhooks",
            new { url = PublicUrl, eventTypes = All },
            idempotency
        );
        using var replay = await client.SendAsync(
            HttpMethod.Post,
            "/api/v1/webhooks",
            new { url = PublicUrl, eventTypes = All },
            idempotency
        );

        var secret = (await first.JsonAsync()).GetProperty("secret").GetString()!;
        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await replay.Content.ReadAsStringAsync()).ShouldNotContain(secret);
    }

    [Fact]
    public async Task A_key_without_configure_permission_is_refused_and_a_platform_key_uses_the_platform_group()
    {
        using var viewer = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View)
        );
        using var refused = await viewer.GetAsync("/api/v1/webhooks");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var platform = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        using var tenantRoute = await platform.GetAsync("/api/v1/webhooks");
        tenantRoute.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var created = await platform.SendAsync(
            HttpMethod.Post,
            "/api/v1/platform/webhooks",
            new { url = PublicUrl, eventTypes = All }
        );
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        using var tenantList = await (await ConfigurerAsync()).GetAsync("/api/v1/webhooks");
        (await tenantList.JsonAsync()).GetArrayLength().ShouldBe(0, "a tenant never sees the platform's endpoints");
    }
}
