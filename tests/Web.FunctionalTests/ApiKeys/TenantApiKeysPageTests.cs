using System.Net;
using Natero.Connectors.Application.ApiKeys;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.ApiKeys;

/// <summary>
/// /t/{tenant}/settings/api-keys: who gets in, a key shown once and stored as a hash, scopes within one's own permissions, revoking.
/// </summary>
public sealed class TenantApiKeysPageTests(NateroWebFactory factory) : ApiKeysWebTest(factory)
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_and_back()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.GetPageAsync(TenantKeys);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/account/sign-in?returnUrl=" + Uri.EscapeDataString(TenantKeys));
    }

    [Fact]
    public async Task Member_without_manage_api_keys_gets_403_naming_the_permission()
    {
        using var browser = await SignedInAs(TestUsers.DemoMember);

        using var response = await browser.GetPageAsync(TenantKeys);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("You need the &quot;Manage API keys&quot; permission");
    }

    [Fact]
    public async Task Admin_of_another_tenant_gets_404()
    {
        await CreateOtherTenantAsync();
        using var browser = await SignedInAs(OtherTenantAdmin);

        using var response = await browser.GetPageAsync(TenantKeys);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_finds_the_page_under_it_administration_with_every_permission_and_90_days_preselected()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var html = await browser.GetHtmlAsync(TenantKeys);

        html.ShouldContain("<a href=\"/t/demo/settings/api-keys\" aria-current=\"page\">API keys</a>");
        html.ShouldContain("<p class=\"breadcrumb\">Settings › IT Administration</p>");
        foreach (var permission in Permissions.All)
        {
            html.ShouldContain($"name=\"NewKey.Scopes\" value=\"{permission.Name}\"");
        }

        html.ShouldContain("<option value=\"30\">30 days</option>");
        html.ShouldContain("<option value=\"90\" selected=\"selected\">90 days</option>");
        html.ShouldContain("<option value=\"180\">180 days</option>");
        html.ShouldContain("<option value=\"365\">365 days</option>");
        html.ShouldContain("No keys yet.");
    }

    [Fact]
    public async Task A_member_is_offered_only_the_permissions_they_hold()
    {
        await SetMemberPermissionsAsync(Permissions.DataConnectors.View, Permissions.ApiKeys.Manage);
        using var browser = await SignedInAs(TestUsers.DemoMember);

        var html = await browser.GetHtmlAsync(TenantKeys);

        html.ShouldContain($"value=\"{Permissions.DataConnectors.View}\"");
        html.ShouldContain($"value=\"{Permissions.ApiKeys.Manage}\"");
        html.ShouldNotContain($"value=\"{Permissions.Users.Manage}\"");
        html.ShouldNotContain($"value=\"{Permissions.DataConnectors.ReadCredentials}\"");
    }

    [Fact]
    public async Task A_new_key_is_shown_once_in_a_response_no_cache_may_keep_and_never_again()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await CreateTenantKeyAsync(
            browser,
            "Nightly export",
            Permissions.DataConnectors.View,
            Permissions.DataConnectors.ReadCredentials
        );

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain(ShownOnce);
        var plaintext = PlaintextIn(html);
        ApiKeySecret.HasValidShape(plaintext).ShouldBeTrue(plaintext);
        html.ShouldContain("Your new key “Nightly export”");
        html.ShouldContain("name=\"NewKey.Name\" value=\"\"", customMessage: "the form is emptied after creating");

        var reloaded = await browser.GetHtmlAsync(TenantKeys);
        reloaded.ShouldNotContain(plaintext!);
        reloaded.ShouldNotContain(ShownOnce);
        var row = RowOf(reloaded, KeyIdOf(reloaded, "Nightly export"));
        row.ShouldContain($"<code class=\"muted\">{plaintext![..12]}…</code>");
        row.ShouldNotContain(plaintext[..13]);
        row.ShouldContain("<li>View data connectors</li>");
        row.ShouldContain("<li>Read connector credentials</li>");
        row.ShouldContain($"by {TestUsers.DemoAdmin}");
        row.ShouldContain("<span class=\"muted\">Never</span>");
        row.ShouldContain("data-status=\"Active\">Active</span>");
    }

    [Fact]
    public async Task The_database_keeps_only_the_sha256_of_the_key_and_no_log_line_has_it()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var plaintext = await NewTenantKeyAsync(browser, "CI", Permissions.DataConnectors.View);

        var stored = (await StoredKeysAsync()).ShouldHaveSingleItem();
        stored.SecretHash.ShouldBe(ApiKeySecret.Hash(plaintext));
        stored.Prefix.ShouldBe(plaintext[..12]);
        stored.Scopes.ShouldBe([Permissions.DataConnectors.View]);
        (await StoredValuesContainingAsync(stored.SecretHash)).ShouldContain(
            "ApiKeys.SecretHash",
            "the scan must see the stored hash, or it proves nothing"
        );
        var secret = plaintext[ApiKeySecret.Prefix.Length..];
        (await StoredValuesContainingAsync(secret)).ShouldBeEmpty();
        Factory.Logs.Lines.ShouldNotContain(l => l.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_cannot_get_a_permission_its_creator_does_not_hold()
    {
        await SetMemberPermissionsAsync(Permissions.DataConnectors.View, Permissions.ApiKeys.Manage);
        using var browser = await SignedInAs(TestUsers.DemoMember);

        using var response = await CreateTenantKeyAsync(browser, "Sneaky", Permissions.DataConnectors.View, Permissions.Users.Manage);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("A key can only have permissions you hold yourself; you do not hold &quot;Manage users&quot;.");
        PlaintextIn(html).ShouldBeNull();
        (await StoredKeysAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Mistakes_are_shown_next_to_their_fields()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await CreateKeyAsync(browser, TenantKeys, " ", [], days: 400);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Name the key after what will use it.");
        html.ShouldContain("Choose at least one permission.");
        html.ShouldContain("A key expires after 1 to 365 days.");
        (await StoredKeysAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Admin_revokes_a_key_after_confirming_and_it_stays_listed_as_revoked()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        await NewTenantKeyAsync(browser, "Old sync", Permissions.DataConnectors.View);
        var html = await browser.GetHtmlAsync(TenantKeys);
        var id = KeyIdOf(html, "Old sync");
        var row = RowOf(html, id);
        row.ShouldContain("<details class=\"confirm\">");
        row.ShouldContain("aria-label=\"Yes, revoke key Old sync\">Yes, revoke</button>");

        using var response = await RevokeAsync(browser, TenantKeys, id);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await browser.GetHtmlAsync(TenantKeys);
        after.ShouldContain("The key is revoked: requests that use it are refused from now on.");
        var revoked = RowOf(after, id);
        revoked.ShouldContain("data-status=\"Revoked\">Revoked</span>");
        revoked.ShouldNotContain("Yes, revoke");
        (await StoredKeysAsync()).ShouldHaveSingleItem().RevokedAt.ShouldNotBeNull();
        (await AuditEventsAsync("api_key.revoked")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Another_tenants_admin_cannot_revoke_a_demo_key()
    {
        await CreateOtherTenantAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        await NewTenantKeyAsync(admin, "Demo key", Permissions.DataConnectors.View);
        var id = KeyIdOf(await admin.GetHtmlAsync(TenantKeys), "Demo key");
        using var intruder = await SignedInAs(OtherTenantAdmin);

        using var response = await RevokeAsync(intruder, "/t/other/settings/api-keys", id);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await StoredKeysAsync()).ShouldHaveSingleItem().RevokedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_tenant_key_is_not_listed_on_another_tenant_or_the_platform_page()
    {
        await CreateOtherTenantAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        await NewTenantKeyAsync(admin, "Demo only", Permissions.DataConnectors.View);
        using var other = await SignedInAs(OtherTenantAdmin);
        using var platform = await SignedInAs(TestUsers.PlatformAdmin);

        (await other.GetHtmlAsync("/t/other/settings/api-keys")).ShouldNotContain("Demo only");
        (await platform.GetHtmlAsync(PlatformKeys)).ShouldNotContain("Demo only");
    }
}
