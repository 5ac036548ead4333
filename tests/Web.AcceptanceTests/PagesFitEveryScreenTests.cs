using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>
/// Every page of the app, at a desktop's width and a phone's, as the person who would open it: nothing scrolls sideways
/// and axe-core finds nothing serious or critical. The pages come from the app's own route table, so a new page fails
/// here until it is visited (or named below with the reason it cannot be).
/// </summary>
public sealed partial class PagesFitEveryScreenTests(AppServer app) : IAsyncLifetime
{
    private static readonly (int Width, int Height)[] Screens = [(1280, 800), (390, 844)];

    /// <summary>Pages no browser can open on its own, and why.</summary>
    private static readonly Dictionary<string, string> NotVisited = new(StringComparer.Ordinal)
    {
        ["/account/sso/{provider}"] = "starts single sign-on: it redirects to the identity provider at once",
        ["/account/sso-callback"] = "the identity provider's callback: it needs a sign-in in progress at the provider",
        ["/tenants/switch"] = "the tenant switcher's target: it redirects to the tenant chosen",
    };

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Every_page_fits_a_desktop_and_a_phone_and_has_no_serious_accessibility_violation()
    {
        // Layout and markup do not depend on the database, and this sweep is the project's longest test: one run is enough.
        Assert.SkipWhen(TestDatabase.Requested == "Postgres", "pages are checked once, on the SQLite run");
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var anonymous = await browser.OtherBrowserAsync();
        var tenantAdmin = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);
        var platformAdmin = await browser.OtherBrowserAsync();
        await SignInAsync(platformAdmin, TestUsers.PlatformAdmin);
        var seeded = await SeedAsync(tenantAdmin, platformAdmin);

        var visits = Visits(seeded, anonymous, tenantAdmin, platformAdmin);
        var unvisited = PageRoutes().Where(r => !visits.ContainsKey(r) && !NotVisited.ContainsKey(r)).ToList();
        unvisited.ShouldBeEmpty($"page(s) not visited: add them to {nameof(Visits)} (or to {nameof(NotVisited)} with the reason)");

        var problems = new List<string>();
        foreach (var (route, (page, path)) in visits)
        {
            foreach (var (width, height) in Screens)
            {
                await page.SetViewportSizeAsync(width, height);
                await page.GotoAsync(path);
                problems.AddRange(await ProblemsAsync(page, $"{route} ({path}) at {width}px"));
            }
        }

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    /// <summary>The template of every Razor page the app serves, as its route table has it ("/t/{tenant}/settings/users").</summary>
    private List<string> PageRoutes() =>
        [
            .. app
                .Services.GetRequiredService<EndpointDataSource>()
                .Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
                .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
                .Distinct(),
        ];

    /// <summary>Each page, whose browser opens it and where: people see the pages they may see, with seeded data.</summary>
    private static Dictionary<string, (IPage Page, string Path)> Visits(Seeded seeded, IPage anonymous, IPage tenant, IPage platform) =>
        new(StringComparer.Ordinal)
        {
            ["/account/sign-in"] = (anonymous, "/account/sign-in"),
            ["/account/sign-in/passkey"] = (anonymous, "/account/sign-in/passkey"),
            ["/account/sign-in/two-factor"] = (anonymous, "/account/sign-in/two-factor"),
            ["/account/forgot-password"] = (anonymous, "/account/forgot-password"),
            ["/account/reset-password/{token}"] = (anonymous, "/account/reset-password/not-a-valid-token"),
            ["/account/invitation/{token}"] = (anonymous, "/account/invitation/not-a-valid-token"),
            ["/error/{status:int?}"] = (anonymous, "/error/404"),
            ["/"] = (tenant, "/"),
            ["/account/sign-out"] = (tenant, "/account/sign-out"),
            ["/account/security"] = (tenant, "/account/security"),
            ["/account/security/passkeys"] = (tenant, "/account/security/passkeys"),
            ["/account/change-password"] = (tenant, "/account/change-password"),
            ["/account/notifications"] = (tenant, "/account/notifications"),
            ["/t/{tenant}"] = (tenant, "/t/demo"),
            ["/t/{tenant}/connect/{token}"] = (tenant, "/t/demo/connect/not-a-valid-token"),
            ["/t/{tenant}/settings/users"] = (tenant, "/t/demo/settings/users"),
            ["/t/{tenant}/settings/api-keys"] = (tenant, "/t/demo/settings/api-keys"),
            ["/t/{tenant}/settings/audit"] = (tenant, "/t/demo/settings/audit"),
            ["/t/{tenant}/settings/audit/{id:guid}"] = (tenant, $"/t/demo/settings/audit/{seeded.TenantEvent}"),
            ["/t/{tenant}/settings/webhooks"] = (tenant, "/t/demo/settings/webhooks"),
            ["/t/{tenant}/settings/webhooks/{id:guid}"] = (tenant, $"/t/demo/settings/webhooks/{seeded.TenantWebhook}"),
            ["/t/{tenant}/settings/it-administration/oauth"] = (tenant, "/t/demo/settings/it-administration/oauth"),
            ["/t/{tenant}/settings/it-administration/sign-in"] = (tenant, "/t/demo/settings/it-administration/sign-in"),
            ["/t/{tenant}/settings/it-administration/oauth/connections/{id:guid}"] = (
                tenant,
                $"/t/demo/settings/it-administration/oauth/connections/{seeded.Connection}"
            ),
            ["/platform"] = (platform, "/platform"),
            ["/platform/connections/{id:guid}"] = (platform, $"/platform/connections/{seeded.Connection}"),
            ["/platform/tenants"] = (platform, "/platform/tenants"),
            ["/platform/connections"] = (platform, "/platform/connections"),
            ["/platform/api-keys"] = (platform, "/platform/api-keys"),
            ["/platform/audit"] = (platform, "/platform/audit"),
            ["/platform/audit/{id:guid}"] = (platform, $"/platform/audit/{seeded.PlatformEvent}"),
            ["/platform/webhooks"] = (platform, "/platform/webhooks"),
            ["/platform/webhooks/{id:guid}"] = (platform, $"/platform/webhooks/{seeded.PlatformWebhook}"),
        };

    /// <summary>Sideways scrolling (with the element that reaches furthest) and axe-core's serious and critical findings.</summary>
    private static async Task<List<string>> ProblemsAsync(IPage page, string where)
    {
        var problems = new List<string>();
        var fit = await page.EvaluateAsync<Overflow>(OverflowScript);
        if (fit.ScrollWidth > fit.ClientWidth)
        {
            problems.Add($"{where}: scrolls sideways ({fit.ScrollWidth} > {fit.ClientWidth} px); widest: {fit.Widest}");
        }

        var axe = await page.RunAxe();
        problems.AddRange(
            axe.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{where}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target))}")
        );
        return problems;
    }

    private const string OverflowScript = """
        () => {
          const root = document.documentElement;
          let widest = '', right = 0;
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect().right;
            if (r > right) {
              right = r;
              widest = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '')
                + ' reaching ' + Math.round(r) + 'px';
            }
          }
          return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
        }
        """;

    /// <summary>What <see cref="OverflowScript"/> answers; Playwright fills it by property, so it has setters.</summary>
    private sealed class Overflow
    {
        public int ScrollWidth { get; set; }

        public int ClientWidth { get; set; }

        public string Widest { get; set; } = "";
    }

    private sealed record Seeded(Guid TenantEvent, Guid PlatformEvent, Guid TenantWebhook, Guid PlatformWebhook, Guid Connection);

    /// <summary>
    /// What the pages with an id need, made the way people make it: a Salesforce connection, a webhook endpoint and an API
    /// key in the demo tenant and on the platform, and so audit events naming them.
    /// </summary>
    private async Task<Seeded> SeedAsync(IPage tenant, IPage platform)
    {
        await tenant.GotoAsync("/t/demo/settings/it-administration/oauth");
        await tenant.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Salesforce" });
        await tenant.GetByRole(AriaRole.Button, new() { Name = "Authorize provider" }).ClickAsync();
        await tenant.GetByLabel("Username").FillAsync(app.Salesforce.Demo.Admin.Username);
        await tenant.GetByLabel("Password").FillAsync(DemoData.Password);
        await tenant.GetByRole(AriaRole.Button, new() { Name = "Log In" }).ClickAsync();
        await tenant.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await tenant.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connected Salesforce org" }).WaitForAsync();

        var tenantWebhook = await AddWebhookAsync(tenant, "/t/demo/settings/webhooks");
        var platformWebhook = await AddWebhookAsync(platform, "/platform/webhooks");
        await CreateKeyAsync(tenant, "/t/demo/settings/api-keys");
        await CreateKeyAsync(platform, "/platform/api-keys");
        return new Seeded(
            await FirstEventAsync(tenant, "/t/demo/settings/audit"),
            await FirstEventAsync(platform, "/platform/audit"),
            tenantWebhook,
            platformWebhook,
            await ConnectionAsync(platform)
        );
    }

    /// <summary>An endpoint on this app itself (loopback, allowed in tests), so that no delivery ever leaves the machine.</summary>
    private async Task<Guid> AddWebhookAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.GetByLabel("URL", new() { Exact = true }).FillAsync($"{app.BaseUrl}hooks/orders");
        await page.GetByLabel("Description").FillAsync("Order sync receiver with a rather long description to wrap");
        await page.GetByLabel("All events, including those added later").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        var link = page.Locator("table.webhooks tbody a").First;
        await link.WaitForAsync();
        return Guid.Parse(IdAtEnd().Match((await link.GetAttributeAsync("href"))!).Value);
    }

    private static async Task CreateKeyAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nightly export to the data warehouse");
        await page.Locator("fieldset input[type=checkbox], fieldset input[type=radio]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await page.Locator(".created-key").WaitForAsync();
    }

    /// <summary>The connection just made, from the link to its history on the platform's list.</summary>
    private static async Task<Guid> ConnectionAsync(IPage page)
    {
        await page.GotoAsync("/platform/connections");
        var link = page.Locator("a[href*='/platform/connections/']").First;
        return Guid.Parse(IdAtEnd().Match((await link.GetAttributeAsync("href"))!).Value);
    }

    private static async Task<Guid> FirstEventAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        return Guid.Parse((await page.Locator("tr[data-event-id]").First.GetAttributeAsync("data-event-id"))!);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/platform$"));
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex IdAtEnd();
}
