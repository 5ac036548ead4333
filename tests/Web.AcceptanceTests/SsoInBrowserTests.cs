using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Natero.Connectors.IdentityProviderEmulator;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>Single sign-on as a person clicks it: the sign-in page's button, the provider's login page, and back.</summary>
public sealed class SsoInBrowserTests(AppServer app) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task An_invited_person_signs_in_with_sso_and_lands_in_the_tenant()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        await InviteAsync(browser, DemoData.Alice);
        var person = await browser.OtherBrowserAsync();

        await SignInWithSsoAsync(person, DemoData.Alice);

        await person.WaitForAddressAsync(new Regex("/t/demo$"));
        await BrowserSession.ScreenshotAsync(person, "sso-invited-person-in-the-tenant");
        await person.GotoAsync("/t/demo/settings/it-administration/oauth");
        await person.GetByRole(AriaRole.Heading, new() { Name = "Manage OAuth" }).WaitForAsync();
        (await FindAccountAsync(DemoData.Alice)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Sso_with_an_unverified_email_is_refused_and_links_nothing()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        await InviteAsync(browser, DemoData.Mallory);
        var person = await browser.OtherBrowserAsync();

        await SignInWithSsoAsync(person, DemoData.Mallory);

        await person.GetByRole(AriaRole.Heading, new() { Name = "Single sign-on did not sign you in" }).WaitForAsync();
        await person.GetByRole(AriaRole.Alert).Filter(new() { HasText = $"Acme SSO has not verified {DemoData.Mallory}" }).WaitForAsync();
        await BrowserSession.ScreenshotAsync(person, "sso-unverified-email-refused");
        await person.GotoAsync("/t/demo");
        await person.WaitForAddressAsync(new Regex("/account/sign-in"));
        (await FindAccountAsync(DemoData.Mallory)).ShouldBeNull();
    }

    private static async Task SignInWithSsoAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with Acme SSO" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Example Identity Provider" }).WaitForAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    private static async Task InviteAsync(BrowserSession browser, string email)
    {
        await browser.SignInAsync(TestUsers.DemoAdmin);
        var admin = browser.Page;
        await admin.GotoAsync("/t/demo/settings/users");
        await admin.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await admin.GetByRole(AriaRole.Status).Filter(new() { HasText = $"An invitation was emailed to {email}" }).WaitForAsync();
    }

    private async Task<ApplicationUser?> FindAccountAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
    }
}
