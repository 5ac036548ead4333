using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Api;

public sealed class ApiSmokeTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_tenant_key_lists_connections_and_providers()
    {
        var key = await ApiTesting.TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View);
        using var client = ApiTesting.Client(Factory, key);

        using var providers = await client.GetAsync("/api/v1/providers");
        providers.StatusCode.ShouldBe(HttpStatusCode.OK, await providers.Content.ReadAsStringAsync());
        using var connections = await client.GetAsync("/api/v1/connections");
        var body = await connections.Content.ReadAsStringAsync();
        connections.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        JsonDocument.Parse(body).RootElement.GetProperty("items").GetArrayLength().ShouldBe(0);

        using var keys = await client.GetAsync("/api/v1/api-keys");
        keys.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await keys.Content.ReadAsStringAsync());
        keys.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task No_key_a_bad_key_and_a_key_in_the_url_are_refused_with_problem_details()
    {
        using var anonymous = ApiTesting.Client(Factory, null);
        using var none = await anonymous.GetAsync("/api/v1/connections");
        none.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, await none.Content.ReadAsStringAsync());
        (await none.Content.ReadAsStringAsync()).ShouldContain("api_key_required");

        using var bad = ApiTesting.Client(Factory, "ntr_notakey");
        using var refused = await bad.GetAsync("/api/v1/connections");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("invalid_api_key");

        var key = await ApiTesting.TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View);
        using var inUrl = await anonymous.GetAsync($"/api/v1/connections?api_key={key}");
        inUrl.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await inUrl.Content.ReadAsStringAsync()).ShouldContain("api_key_in_url");
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_are_served()
    {
        using var client = ApiTesting.Client(Factory, null);
        using var document = await client.GetAsync("/api/openapi/v1.json");
        var json = await document.Content.ReadAsStringAsync();
        document.StatusCode.ShouldBe(HttpStatusCode.OK, json);
        json.ShouldContain("\"openapi\": \"3.1");
        json.ShouldContain("/api/v1/connections/{id}/access-token");
        json.ShouldNotContain("/oauth/callback");
        using var redirect = await client.GetAsync("/api/reference");
        redirect.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Found);
        using var reference = await client.GetAsync("/api/reference/");
        var html = await reference.Content.ReadAsStringAsync();
        reference.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        File.WriteAllText("/tmp/scalar.html", html);
    }
}
