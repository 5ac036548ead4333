using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>Joining by invitation and resetting a password, as people do: the link comes by email to another browser.</summary>
public sealed class AccountsInBrowserTests(AppServer app) : IAsyncLifetime
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_admin_invites_a_new_person_who_sets_a_password_from_the_emailed_link_and_sees_the_tenant()
    {
        const string Newcomer = "newcomer@demo.test";
        const string Password = "correct horse battery staple";
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var admin = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);

        await admin.GotoAsync("/t/demo/settings/users");
        await admin.GetByLabel("Email", new() { Exact = true }).FillAsync(Newcomer);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await admin.GetByRole(AriaRole.Status).Filter(new() { HasText = $"An invitation was emailed to {Newcomer}" }).WaitForAsync();
        await admin.Locator($"tr[data-invitation=\"{Newcomer}\"]").WaitForAsync();
        (await admin.ContentAsync()).ShouldNotContain("/account/invitation/");
        await browser.ScreenshotAsync("users-with-a-pending-invitation");

        var email = await app.Mail.WaitForMessageAsync(Newcomer, "You are invited", MailWait);
        var link = TestSmtpServer.ExtractLink(email.TextBody, "/account/invitation/");
        link.ShouldStartWith(app.BaseUrl.ToString());

        var person = await browser.OtherBrowserAsync();
        await person.GotoAsync(link);
        await person.GetByRole(AriaRole.Heading, new() { Name = "Join Demo Company" }).WaitForAsync();
        await BrowserSession.ScreenshotAsync(person, "invitation-choose-a-password");
        await person.GetByLabel("Your name").FillAsync("New Comer");
        await person.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await person.GetByLabel("Password again").FillAsync(Password);
        await person.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();

        await person.WaitForAddressAsync(new Regex("/t/demo$"));
        await person.GotoAsync("/t/demo/settings/it-administration/oauth");
        await person.GetByRole(AriaRole.Heading, new() { Name = "Manage OAuth" }).WaitForAsync();

        await person.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await person.GotoAsync(link);
        await person.GetByText("This invitation was already accepted.").WaitForAsync();

        await admin.GotoAsync("/t/demo/settings/users");
        await admin.Locator($"tr[data-member=\"{Newcomer}\"]").WaitForAsync();
        (await admin.Locator($"tr[data-invitation=\"{Newcomer}\"]").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Forgot_password_mails_a_link_that_sets_a_new_password_in_another_browser()
    {
        const string NewPassword = "a brand new passphrase";
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(TestUsers.DemoMember);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "If an account uses this email" }).WaitForAsync();
        await browser.ScreenshotAsync("forgot-password-sent");

        var email = await app.Mail.WaitForMessageAsync(TestUsers.DemoMember, "Reset your Natero password", MailWait);
        var link = TestSmtpServer.ExtractLink(email.TextBody, "/account/reset-password/");

        var other = await browser.OtherBrowserAsync();
        await other.GotoAsync(link);
        await other.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await other.GetByLabel("New password again").FillAsync(NewPassword);
        await BrowserSession.ScreenshotAsync(other, "reset-password");
        await other.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();

        await other.WaitForAddressAsync(new Regex("/account/sign-in$"));
        await other.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your password was changed" }).WaitForAsync();
        await other.GetByLabel("Email").FillAsync(TestUsers.DemoMember);
        await other.GetByLabel("Password").FillAsync(NewPassword);
        await other.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await other.WaitForAddressAsync(new Regex("/t/demo$"));

        await other.GotoAsync(link);
        await other.GetByLabel("New password", new() { Exact = true }).FillAsync("yet another passphrase");
        await other.GetByLabel("New password again").FillAsync("yet another passphrase");
        await other.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await other.GetByText("This reset link is not valid any more.").WaitForAsync();
        (await app.Mail.WaitForMessageAsync(TestUsers.DemoMember, "password was changed", MailWait)).TextBody.ShouldContain(
            "other sessions were signed out"
        );
    }
}
