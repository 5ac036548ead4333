using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Natero.Connectors.SalesforceEmulator;

namespace Natero.Connectors.Web.AcceptanceTests.Packaging;

/// <summary>
/// Issue 15: an application with its own sign-in, home page, layout and error page mounts the plugin, referenced as
/// packages from a folder feed, under <c>/admin/connectors</c>; a person signs in to the application, connects
/// Salesforce in the plugin's pages inside the application's layout, and automation uses the API under the prefix.
/// </summary>
public sealed partial class PackagedHostTests(PackagedSample sample) : IClassFixture<PackagedSample>
{
    private const string Prefix = PackagedSample.Prefix;
    private const string ManageOAuth = Prefix + "/t/demo/settings/it-administration/oauth";

    [Fact]
    public void The_packages_carry_readme_license_repository_and_symbols_and_the_sample_restored_from_them_alone()
    {
        string[] ids =
        [
            "Natero.Connectors.Domain",
            "Natero.Connectors.Application",
            "Natero.Connectors.Infrastructure",
            "Natero.Connectors.Web",
        ];
        foreach (var id in ids)
        {
            var package = Path.Combine(sample.Feed, $"{id}.{sample.Version}.nupkg");
            File.Exists(Path.Combine(sample.Feed, $"{id}.{sample.Version}.snupkg")).ShouldBeTrue($"{id} has a symbol package");
            using var zip = ZipFile.OpenRead(package);
            zip.GetEntry("README.md").ShouldNotBeNull(id);
            zip.GetEntry($"lib/net10.0/{id}.dll").ShouldNotBeNull(id);
            using var nuspec = zip.GetEntry($"{id}.nuspec")!.Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            metadata.Elements().Single(e => e.Name.LocalName == "license").Value.ShouldBe("MIT");
            metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value.ShouldStartWith("https://");
        }

        var assets = File.ReadAllText(Path.Combine(sample.SampleFolder, "obj", "project.assets.json"));
        assets.ShouldContain($"Natero.Connectors.Web/{sample.Version}");
        assets.ShouldNotContain("\"path\": \"../../src/", customMessage: "packages, not project references");
    }

    [Fact]
    public async Task A_person_signed_in_to_the_application_connects_salesforce_inside_its_layout()
    {
        await using var browser = await BrowserSession.StartAsync(sample.BaseUrl);
        var page = browser.Page;

        await page.GotoAsync(ManageOAuth);
        await page.WaitForAddressAsync(new Regex("/login\\?ReturnUrl="));
        await SignInAtApplicationAsync(page);
        await page.WaitForAddressAsync(new Regex(Regex.Escape(ManageOAuth) + "$"));

        (await page.Locator("#host-brand").InnerTextAsync()).ShouldBe("Acme Analytics", "the application's own header");
        (await page.Locator("#host-user").InnerTextAsync()).ShouldBe(PackagedSample.SampleUserEmail, "the plugin's account of that person");
        (await page.Locator("[data-natero-connectors] h1").InnerTextAsync()).ShouldBe("Manage OAuth");
        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Salesforce" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize provider" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(sample.Salesforce.Demo.Admin.Username);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log In" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await page.WaitForAddressAsync(new Regex(Regex.Escape(ManageOAuth) + "$"));
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connected Salesforce org" }).WaitForAsync();
        var connection = page.Locator("article.connection").Filter(new() { HasText = sample.Salesforce.Demo.Admin.Username });
        (await connection.Locator(".status").First.InnerTextAsync()).ShouldBe("Pending configuration");
        await browser.ScreenshotAsync("sample-host-manage-oauth");
    }

    [Fact]
    public async Task Neither_sides_styles_break_the_other()
    {
        await using var browser = await BrowserSession.StartAsync(sample.BaseUrl);
        var page = browser.Page;
        await page.GotoAsync("/login");
        await SignInAtApplicationAsync(page);

        await page.GotoAsync("/");
        (await ColorAsync(page, "h1")).ShouldBe("rgb(139, 0, 0)", "the application's own heading");
        (await BackgroundAsync(page, "#host-card")).ShouldBe("rgb(255, 255, 0)", "the application's own card");

        await page.GotoAsync(ManageOAuth);
        (await ColorAsync(page, "[data-natero-connectors] h1")).ShouldBe("rgb(28, 36, 48)", "the plugin's heading keeps its colour");
        (await BackgroundAsync(page, "[data-natero-connectors] .card")).ShouldBe("rgb(255, 255, 255)", "the plugin's card stays white");
        (await ColorAsync(page, ".host-header a")).ShouldBe("rgb(255, 255, 255)", "the application's header keeps its look");
        await browser.ScreenshotAsync("sample-host-styles");
    }

    [Fact]
    public async Task The_applications_own_pages_and_error_page_still_answer_and_no_plugin_route_is_outside_the_prefix()
    {
        using var http = new HttpClient { BaseAddress = sample.BaseUrl };
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        (await http.GetStringAsync("/")).ShouldContain("Your dashboards live here");
        foreach (
            var path in new[]
            {
                "/account/sign-in",
                "/t/demo",
                "/api/v1/connections",
                "/health/ready",
                "/css/site.css",
                "/oauth/callback/salesforce",
            }
        )
        {
            using var response = await http.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).ShouldContain("Acme Analytics could not show this page", customMessage: path);
        }

        await using var browser = await BrowserSession.StartAsync(sample.BaseUrl);
        await browser.Page.GotoAsync("/login");
        await SignInAtApplicationAsync(browser.Page);
        var missing = await browser.Page.GotoAsync(Prefix + "/t/no-such-tenant");
        missing!.Status.ShouldBe(404);
        (await browser.Page.Locator("#host-error").InnerTextAsync()).ShouldBe("Acme Analytics could not show this page");
    }

    [Fact]
    public async Task Automation_uses_the_api_under_the_prefix_with_a_key_made_on_the_plugins_page()
    {
        await using var browser = await BrowserSession.StartAsync(sample.BaseUrl);
        var page = browser.Page;
        await page.GotoAsync("/login");
        await SignInAtApplicationAsync(page);
        await page.GotoAsync(Prefix + "/t/demo/settings/api-keys");
        await page.GetByLabel("Name").FillAsync("sample automation");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "View data connectors" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = await page.Locator("#created-key-value").InnerTextAsync();

        using var http = new HttpClient { BaseAddress = sample.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key.Trim());
        using var list = await http.GetAsync(Prefix + "/api/v1/connections");
        list.StatusCode.ShouldBe(HttpStatusCode.OK, await list.Content.ReadAsStringAsync());
        using var document = await http.GetAsync(Prefix + "/api/openapi/v1.json");
        (await document.Content.ReadAsStringAsync()).ShouldContain($"\"{Prefix}/api/v1/connections\"");
    }

    private static async Task SignInAtApplicationAsync(IPage page)
    {
        await page.GetByLabel("Email").FillAsync(PackagedSample.SampleUserEmail);
        await page.GetByLabel("Password").FillAsync(PackagedSample.SampleUserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForLoadedAsync();
    }

    private static Task<string> ColorAsync(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<string>("e => getComputedStyle(e).color");

    private static Task<string> BackgroundAsync(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
