using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

public sealed class GrantPermissionTests(AppServer app) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Demo_admin_signs_in_and_grants_a_member_configure_data_connectors()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;

        await browser.SignInAsync(TestUsers.DemoAdmin);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/t/demo/settings/users$"));
        var checkbox = page.GetByLabel($"Configure data connectors for {TestUsers.DemoMember}");
        (await checkbox.IsCheckedAsync()).ShouldBeFalse();

        await checkbox.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Save permissions for {TestUsers.DemoMember}" }).ClickAsync();

        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Granted: Configure data connectors." }).WaitForAsync();
        (await page.GetByLabel($"Configure data connectors for {TestUsers.DemoMember}").IsCheckedAsync()).ShouldBeTrue();
        await browser.ScreenshotAsync("users-after-grant");
    }
}
