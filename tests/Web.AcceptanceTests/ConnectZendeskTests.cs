using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.ZendeskEmulator;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>What a tenant admin clicks: Manage OAuth, Zendesk, the subdomain, Authorize provider, sign in at Zendesk, Allow.</summary>
public sealed class ConnectZendeskTests(AppServer app) : IAsyncLifetime
{
    private const string ManageOAuth = "/t/demo/settings/it-administration/oauth";

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Admin_authorizes_a_zendesk_account_by_its_subdomain_and_sees_the_connection_pending_configuration()
    {
        var acme = app.Zendesk.Demo.Acme;
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })
            .GetByRole(AriaRole.Link, new() { Name = "Manage OAuth" })
            .ClickAsync();
        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Zendesk" });
        await page.GetByLabel("Zendesk subdomain").FillAsync(ZendeskTestSettings.SubdomainOf(acme));
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize provider" }).ClickAsync();

        await page.WaitForAddressAsync(new Regex("^" + Regex.Escape(acme.Origin)));
        await page.GetByLabel("Email").FillAsync(app.Zendesk.Demo.Admin.Email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await page.WaitForAddressAsync(new Regex(Regex.Escape(ManageOAuth) + "$"));
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connected Zendesk account" }).WaitForAsync();
        var connection = page.Locator("article.connection");
        (await connection.Locator(".status").InnerTextAsync()).ShouldBe("Pending configuration");
        var text = await connection.InnerTextAsync();
        text.ShouldContain(app.Zendesk.Demo.Admin.Email);
        text.ShouldContain("Signs in at");
        text.ShouldContain(acme.Origin);
        await browser.ScreenshotAsync("manage-oauth-zendesk-connected");
    }

    [Fact]
    public async Task A_subdomain_that_is_not_zendesks_is_explained_next_to_the_field()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);
        await page.GotoAsync(ManageOAuth);

        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Zendesk" });
        await page.GetByLabel("Zendesk subdomain").FillAsync("acme.zendesk.com.evil.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Authorize provider" }).ClickAsync();

        (await page.Locator("#host-zendesk-error").InnerTextAsync()).ShouldContain("is not a Zendesk host");
        page.Url.ShouldStartWith(app.BaseUrl.ToString());
        app.Zendesk.RequestLog.ShouldBeEmpty();
    }
}
