using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>An authenticator app as a person sets it up and signs in with it, and a tenant that requires one.</summary>
public sealed class SecondFactorsInBrowserTests(AppServer app) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_member_sets_up_an_authenticator_app_then_signs_in_with_a_code_and_with_a_recovery_code()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoMember);

        await page.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Security", Exact = true }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" }).WaitForAsync();
        await browser.ScreenshotAsync("security-authenticator-setup");
        var key = Totp.KeyFrom(await page.Locator("#authenticator-key").InnerTextAsync());
        var confirming = Totp.Code(key, DateTimeOffset.UtcNow);
        await page.GetByLabel("Code from the app").FillAsync(confirming);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" }).WaitForAsync();
        var recovery = await page.Locator(".recovery-codes code").AllInnerTextsAsync();
        recovery.Count.ShouldBe(10);
        await browser.ScreenshotAsync("security-recovery-codes");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).First.ClickAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(TestUsers.DemoMember);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Second factor" }).WaitForAsync();
        await browser.ScreenshotAsync("sign-in-second-factor");
        await page.GetByLabel("Authentication code").FillAsync(Totp.FreshCode(key, confirming));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/t/demo$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).First.ClickAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(TestUsers.DemoMember);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lost your device? Use a recovery code" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(recovery[0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await page.GetByText("You signed in with a recovery code. You have 9 left.").WaitForAsync();
        await browser.ScreenshotAsync("security-after-recovery-code");
    }

    [Fact]
    public async Task A_tenant_that_requires_a_second_factor_sends_a_member_without_one_to_set_it_up_first()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var admin = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);
        await admin.GotoAsync("/account/security");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var key = Totp.KeyFrom(await admin.Locator("#authenticator-key").InnerTextAsync());
        await admin.GetByLabel("Code from the app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" }).WaitForAsync();

        await admin.GotoAsync("/t/demo/settings/it-administration/sign-in");
        await admin.GetByLabel("Require a second factor (an authenticator app or a passkey) for every member").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await admin.GetByText("The sign-in policy was saved.").WaitForAsync();
        await browser.ScreenshotAsync("sign-in-policy");

        var member = await browser.OtherBrowserAsync();
        await member.GotoAsync("/account/sign-in");
        await member.GetByLabel("Email").FillAsync(TestUsers.DemoMember);
        await member.GetByLabel("Password").FillAsync(TestUsers.Password);
        await member.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await member.GetByRole(AriaRole.Heading, new() { Name = "Security", Exact = true }).WaitForAsync();
        await member.GetByText("A second factor is required before you can go on").WaitForAsync();
        await member.GotoAsync("/t/demo/settings/it-administration/oauth");
        await member.GetByText("A second factor is required before you can go on").WaitForAsync();
        await BrowserSession.ScreenshotAsync(member, "security-second-factor-required");

        await member.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var memberKey = Totp.KeyFrom(await member.Locator("#authenticator-key").InnerTextAsync());
        await member.GetByLabel("Code from the app").FillAsync(Totp.Code(memberKey, DateTimeOffset.UtcNow));
        await member.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await member.GetByRole(AriaRole.Link, new() { Name = "Continue where you were" }).ClickAsync();
        await member.GetByRole(AriaRole.Heading, new() { Name = "Manage OAuth" }).WaitForAsync();
    }
}
