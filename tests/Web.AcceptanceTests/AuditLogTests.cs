using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>What Natero staff and a tenant admin click to read, filter and verify the audit log.</summary>
public sealed class AuditLogTests(AppServer app) : IAsyncLifetime
{
    /// <summary>Where screenshots go when NATERO_SCREENSHOTS is set, for a person to look at; CI writes none.</summary>
    private const string ScreenshotFolder = "/tmp/natero-screens";

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Platform_admin_filters_the_audit_log_opens_an_event_goes_back_and_verifies_the_chain()
    {
        await RecordAsync("member.added", "membership:1", AuditOutcome.Success, inDemo: true);
        await RecordAsync(
            "access.denied",
            null,
            AuditOutcome.Denied,
            inDemo: true,
            reason: "You need the \"Manage users\" permission in this tenant."
        );
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(TestUsers.PlatformAdmin);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // A page counts as there once its document is parsed: a page restored by Back may never fire "load" again,
        // and every later step waits for the element it needs.
        await page.WaitForAddressAsync(new Regex("/platform$"), LoadState.DOMContentLoaded);
        await page.GotoAsync("/platform/tenants");

        // Something worth auditing, done the way staff do it.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme");
        await page.GetByLabel("Slug (used in URLs)").FillAsync("acme");
        await page.GetByLabel("Admin's email").FillAsync("owner@acme.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "was created" }).WaitForAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Audit log" })
            .ClickAsync();
        await page.WaitForAddressAsync(new Regex("/platform/audit$"), LoadState.DOMContentLoaded);
        // The two recorded above, the admin's own sign-in, the tenant's creation and the invitation of its admin.
        (await page.Locator("tr[data-event-id]").CountAsync()).ShouldBe(5);
        await ScreenshotAsync(page, "platform-log");

        await page.GetByLabel("Action", new() { Exact = true }).FillAsync("tenant.created");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("[?&]action=tenant.created"), LoadState.DOMContentLoaded);
        var rows = page.Locator("tr[data-event-id]");
        (await rows.CountAsync()).ShouldBe(1);
        (await rows.First.Locator("td.action code").InnerTextAsync()).ShouldBe("tenant.created");
        (await rows.First.InnerTextAsync()).ShouldContain(TestUsers.PlatformAdmin);
        await ScreenshotAsync(page, "platform-filtered");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Details of tenant.created at ") }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/platform/audit/[0-9a-f-]{36}$"), LoadState.DOMContentLoaded);
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldContain("tenant.created");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Place in the chain" }).WaitForAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Natero platform admin");
        await ScreenshotAsync(page, "platform-detail");

        await page.GoBackAsync(new PageGoBackOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.WaitForAddressAsync(new Regex("[?&]action=tenant.created"), LoadState.DOMContentLoaded);
        (await page.GetByLabel("Action", new() { Exact = true }).InputValueAsync()).ShouldBe("tenant.created");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        var verified = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Chain verified." });
        await verified.WaitForAsync();
        (await verified.InnerTextAsync()).ShouldContain("Intact: all 2 events are in place and unaltered.");
        (await page.Locator("[data-verification]").GetAttributeAsync("data-verification")).ShouldBe("intact");
        await ScreenshotAsync(page, "platform-verified");
    }

    [Fact]
    public async Task Tenant_admin_opens_the_audit_log_from_settings_it_administration()
    {
        await RecordAsync("member.added", "membership:1", AuditOutcome.Success, inDemo: true);
        await RecordAsync("platform.token_keys_rotated", "token-keys", AuditOutcome.Success, inDemo: false);
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);

        // Something worth auditing, done the way a tenant admin does it.
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await page.GetByLabel($"Configure data connectors for {TestUsers.DemoMember}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Save permissions for {TestUsers.DemoMember}" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Granted: Configure data connectors." }).WaitForAsync();

        await nav.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/t/demo$"), LoadState.DOMContentLoaded);
        (await nav.Locator(".nav-subheading").AllTextContentsAsync()).ShouldContain("IT Administration");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/t/demo/settings/audit$"), LoadState.DOMContentLoaded);

        (await page.Locator(".breadcrumb").InnerTextAsync()).ShouldBe("Settings › IT Administration");
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Audit log");
        (await nav.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).GetAttributeAsync("aria-current")).ShouldBe("page");
        var actions = await page.Locator("tr[data-event-id] td.action code").AllInnerTextsAsync();
        actions.ShouldBe(["member.permissions_changed", "member.added"]);
        (await page.Locator("table.audit").InnerTextAsync()).ShouldNotContain("token_keys_rotated");
        await ScreenshotAsync(page, "tenant-log");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Chain verified." }).WaitForAsync();
        await ScreenshotAsync(page, "tenant-verified");
    }

    /// <summary>An event recorded by the app itself, in the demo tenant's chain or the platform's.</summary>
    private async Task RecordAsync(string action, string? target, AuditOutcome outcome, bool inDemo, string? reason = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        Guid? tenantId = inDemo ? await db.Tenants.Where(t => t.Slug == TestUsers.DemoTenant).Select(t => t.Id).SingleAsync() : null;
        scope.ServiceProvider.GetRequiredService<IAuditTrail>().Record(action, target, outcome, reason, tenantId);
        await db.SaveChangesAsync();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("NATERO_SCREENSHOTS") is not { Length: > 0 })
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"audit-{name}.png"), FullPage = true }
        );
    }
}
