using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>What a tenant admin clicks: Manage OAuth, Authorize provider, log in at Salesforce, Allow.</summary>
public sealed class ConnectSalesforceTests(AppServer app) : IAsyncLifetime
{
    private const string ManageOAuth = "/t/demo/settings/it-administration/oauth";

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Admin_authorizes_salesforce_and_sees_the_connection_pending_configuration()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Manage OAuth" })
            .ClickAsync();
        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Salesforce" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize provider" }).ClickAsync();

        await page.GetByLabel("Username").FillAsync(app.Salesforce.Demo.Admin.Username);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log In" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await page.WaitForAddressAsync(new Regex(Regex.Escape(ManageOAuth) + "$"));
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connected Salesforce org" }).WaitForAsync();
        var connection = page.Locator("article.connection");
        (await connection.Locator(".status").InnerTextAsync()).ShouldBe("Pending configuration");
        (await connection.InnerTextAsync()).ShouldContain(app.Salesforce.Demo.Admin.Username);
        await browser.ScreenshotAsync("manage-oauth-connected");
    }

    [Fact]
    public async Task Admin_who_clicks_deny_sees_why_nothing_was_connected()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);
        await page.GotoAsync(ManageOAuth);

        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize provider" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(app.Salesforce.Demo.Admin.Username);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log In" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync();

        await page.WaitForAddressAsync(new Regex(Regex.Escape(ManageOAuth) + "$"));
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "You chose Deny" }).WaitForAsync();
        (await page.Locator("article.connection").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Member_without_configure_sees_the_list_read_only_with_the_permission_named()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoMember);

        await page.GotoAsync(ManageOAuth);

        (await page.GetByRole(AriaRole.Button, new() { Name = "Authorize provider" }).CountAsync()).ShouldBe(0);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("you need the Configure data connectors permission");
        await browser.ScreenshotAsync("manage-oauth-read-only");
    }
}
