using System.Net;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.ApiKeys;

/// <summary>S20: a page that shows a secret, once, tells every browser, proxy and history not to keep it.</summary>
public sealed class SecretPagesTests(NateroWebFactory factory) : ApiKeysWebTest(factory)
{
    [Fact]
    public async Task S20_the_tenant_api_keys_page_showing_a_new_key_sends_no_store()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await CreateTenantKeyAsync(browser, "shown once", Permissions.DataConnectors.View);

        PlaintextIn(await response.Content.ReadAsStringAsync()).ShouldNotBeNull();
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task S20_the_platform_api_keys_page_showing_a_new_key_sends_no_store()
    {
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);

        using var response = await CreatePlatformKeyAsync(browser, "shown once", PlatformRoles.PlatformAuditor);

        PlaintextIn(await response.Content.ReadAsStringAsync()).ShouldNotBeNull();
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task S20_any_page_rendered_in_answer_to_a_post_sends_no_store()
    {
        const string tenants = "/platform/tenants";
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);

        // A form sent back with its errors: a page answering a post, whatever it shows.
        using var response = await browser.SubmitAsync(
            tenants,
            tenants,
            [new("Input.Name", string.Empty), new("Input.Slug", "x"), new("Input.AdminEmail", "nobody")]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }
}
