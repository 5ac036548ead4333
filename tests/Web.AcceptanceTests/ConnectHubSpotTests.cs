using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Natero.Connectors.HubSpotEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>What a tenant admin clicks to connect HubSpot: Manage OAuth, HubSpot, Authorize provider, log in, Connect app.</summary>
public sealed class ConnectHubSpotTests(AppServer app) : IAsyncLifetime
{
    private const string ManageOAuth = "/t/demo/settings/it-administration/oauth";

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Admin_authorizes_hubspot_and_sees_the_portal_pending_configuration()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);
        await page.GotoAsync(ManageOAuth);

        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "HubSpot" });
        (await page.Locator("[data-sign-in-help=\"hubspot\"]").InnerTextAsync()).ShouldContain("HubSpot does not return to Natero");
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize provider" }).ClickAsync();

        await page.GetByLabel("Email address").FillAsync(app.HubSpot.Demo.Admin.Email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect app" }).ClickAsync();

        await page.WaitForAddressAsync(new Regex(Regex.Escape(ManageOAuth) + "$"));
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connected HubSpot portal 12345678" }).WaitForAsync();
        var connection = page.Locator("article.connection");
        (await connection.Locator("h3").InnerTextAsync()).ShouldBe("HubSpot portal 12345678");
        (await connection.InnerTextAsync()).ShouldContain("acme-demo.hubspot.com (STANDARD)");
        (await connection.Locator(".status").InnerTextAsync()).ShouldBe("Pending configuration");
        (await connection.InnerTextAsync()).ShouldContain(app.HubSpot.Demo.Admin.Email);
        await browser.ScreenshotAsync("manage-oauth-hubspot-connected");
    }
}
