using System.Net;
using System.Net.Http.Json;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests;

public sealed class PlatformAndInfrastructureTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Platform_admin_creates_a_tenant_from_the_tenants_page()
    {
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);

        using var response = await browser.SubmitAsync(
            "/platform/tenants",
            "/platform/tenants",
            [new("Input.Name", "Acme"), new("Input.Slug", "acme"), new("Input.AdminEmail", "owner@acme.test")]
        );

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Tenant <strong>Acme</strong> was created");
        html.ShouldContain("owner@acme.test was invited as its admin");
        (await browser.GetHtmlAsync("/platform/tenants")).ShouldContain("<code>acme</code>");
    }

    [Fact]
    public async Task A_taken_slug_is_explained_on_the_form()
    {
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);

        using var response = await browser.SubmitAsync(
            "/platform/tenants",
            "/platform/tenants",
            [new("Input.Name", "Demo again"), new("Input.Slug", "demo"), new("Input.AdminEmail", "x@y.test")]
        );

        (await response.Content.ReadAsStringAsync()).ShouldContain("already in use");
    }

    [Fact]
    public async Task Tenant_admins_cannot_see_the_platform_pages()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.GetPageAsync("/platform/tenants");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_without_signing_in()
    {
        using var client = Factory.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Errors_are_problem_details_for_clients_that_do_not_ask_for_html()
    {
        using var client = Factory.CreateClient();

        using var response = await client.GetAsync("/no/such/page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        problem!["status"].ToString().ShouldBe("404");
        problem["instance"].ToString().ShouldBe("/no/such/page");
        problem.ShouldContainKey("traceId");
    }

    [Fact]
    public async Task Errors_are_pages_for_browsers()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.GetPageAsync("/no/such/page");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Go to the start page");
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.GetPageAsync("/account/sign-in");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("same-origin");
    }
}
