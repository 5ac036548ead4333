using System.Net;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.ApiKeys;

/// <summary>
/// /platform/api-keys: platform admins create and revoke platform keys, auditors only look, tenant admins are not let in.
/// </summary>
public sealed class PlatformApiKeysPageTests(NateroWebFactory factory) : ApiKeysWebTest(factory)
{
    [Fact]
    public async Task Tenant_admin_is_refused_with_403()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.GetPageAsync(PlatformKeys);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Platform_admin_creates_a_key_with_a_role_and_sees_it_once()
    {
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);
        (await browser.GetHtmlAsync("/platform/connections")).ShouldContain("<a href=\"/platform/api-keys\">API keys</a>");

        using var response = await CreatePlatformKeyAsync(browser, "Billing sync", PlatformRoles.PlatformAuditor);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var plaintext = PlaintextIn(await response.Content.ReadAsStringAsync());
        ApiKeySecret.HasValidShape(plaintext).ShouldBeTrue(plaintext);
        var stored = (await StoredKeysAsync()).ShouldHaveSingleItem();
        stored.TenantId.ShouldBeNull();
        stored.Scopes.ShouldBe([PlatformRoles.PlatformAuditor]);
        stored.SecretHash.ShouldBe(ApiKeySecret.Hash(plaintext!));
        (await StoredValuesContainingAsync(plaintext![ApiKeySecret.Prefix.Length..])).ShouldBeEmpty();

        var reloaded = await browser.GetHtmlAsync(PlatformKeys);
        reloaded.ShouldNotContain(plaintext);
        reloaded.ShouldNotContain(ShownOnce);
        var row = RowOf(reloaded, stored.Id);
        row.ShouldContain("<li>PlatformAuditor</li>");
        row.ShouldContain($"by {TestUsers.PlatformAdmin}");
    }

    [Fact]
    public async Task Platform_admin_revokes_a_platform_key()
    {
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);
        using (var created = await CreatePlatformKeyAsync(browser, "Old job", PlatformRoles.PlatformAdmin))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var id = (await StoredKeysAsync()).Single().Id;

        using var response = await RevokeAsync(browser, PlatformKeys, id);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        RowOf(await browser.GetHtmlAsync(PlatformKeys), id).ShouldContain("data-status=\"Revoked\">Revoked</span>");
        (await StoredKeysAsync()).Single().RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Platform_auditor_sees_the_keys_but_no_way_to_create_or_revoke_them()
    {
        await CreateAuditorAsync();
        using (var admin = await SignedInAs(TestUsers.PlatformAdmin))
        using (var created = await CreatePlatformKeyAsync(admin, "Reporting", PlatformRoles.PlatformAuditor))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var auditor = await SignedInAs(Auditor);

        var html = await auditor.GetHtmlAsync(PlatformKeys);

        html.ShouldContain("You can view them; creating and revoking them needs the PlatformAdmin role.");
        var row = RowOf(html, KeyIdOf(html, "Reporting"));
        row.ShouldContain("data-status=\"Active\">Active</span>");
        row.ShouldNotContain("Revoke");
        html.ShouldNotContain("Create key");
        html.ShouldNotContain("?handler=Create");
    }

    [Fact]
    public async Task Platform_auditor_posting_the_forms_anyway_is_refused_and_nothing_changes()
    {
        await CreateAuditorAsync();
        using (var admin = await SignedInAs(TestUsers.PlatformAdmin))
        using (var created = await CreatePlatformKeyAsync(admin, "Keep me", PlatformRoles.PlatformAuditor))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var id = (await StoredKeysAsync()).Single().Id;
        using var auditor = await SignedInAs(Auditor);

        using var create = await CreatePlatformKeyAsync(auditor, "Mine now", PlatformRoles.PlatformAdmin);
        using var revoke = await RevokeAsync(auditor, PlatformKeys, id);

        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        revoke.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stored = (await StoredKeysAsync()).ShouldHaveSingleItem();
        stored.Name.ShouldBe("Keep me");
        stored.RevokedAt.ShouldBeNull();
    }
}
