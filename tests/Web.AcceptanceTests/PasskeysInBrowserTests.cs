using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>
/// Passkeys as a person uses them, with Chromium's virtual authenticator (the DevTools WebAuthn domain) standing in
/// for the device's own: a platform authenticator that keeps discoverable credentials and verifies the person.
/// </summary>
public sealed class PasskeysInBrowserTests(AppServer app) : IAsyncLifetime
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// The app on its loopback port, by name: WebAuthn refuses an IP address as the site's identity, and localhost is a secure context.
    /// </summary>
    private Uri Localhost => new UriBuilder(app.BaseUrl) { Host = "localhost" }.Uri;

    [Fact]
    public async Task A_person_adds_a_passkey_signs_in_with_it_and_no_password_then_removes_it()
    {
        await using var browser = await BrowserSession.StartAsync(Localhost);
        var page = browser.Page;
        await AddVirtualAuthenticatorAsync(page);
        await browser.SignInAsync(TestUsers.DemoMember);

        await AddPasskeyAsync(page, "Work laptop");
        await page.Locator("tr[data-passkey=\"Work laptop\"]").WaitForAsync();
        await browser.ScreenshotAsync("passkeys-one-added");
        (await app.Mail.WaitForMessageAsync(TestUsers.DemoMember, "A passkey was added", MailWait)).TextBody.ShouldContain(
            "\"Work laptop\""
        );

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/t/demo$"));

        await page.GotoAsync("/account/security");
        await page.Locator("#passkeys").GetByText("Remove…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove passkey Work laptop" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The passkey “Work laptop” was removed." }).WaitForAsync();
        await page.GetByText("No passkeys yet.").WaitForAsync();

        // Without a passkey the password alone signs in again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await browser.SignInAsync(TestUsers.DemoMember);

        var events = await AuditOfAsync(TestUsers.DemoMember);
        events.ShouldContain(e =>
            e.Action == "account.passkey_added" && e.Outcome == AuditOutcome.Success && e.Data!.Contains("Work laptop")
        );
        events.ShouldContain(e =>
            e.Action == "account.signed_in" && e.Outcome == AuditOutcome.Success && e.Data!.Contains("\"method\":\"passkey\"")
        );
        events.ShouldContain(e => e.Action == "account.passkey_removed" && e.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task With_a_passkey_a_correct_password_alone_signs_nobody_in_and_the_passkey_completes_the_sign_in()
    {
        await using var browser = await BrowserSession.StartAsync(Localhost);
        var page = browser.Page;
        await AddVirtualAuthenticatorAsync(page);
        await browser.SignInAsync(TestUsers.DemoMember);
        await AddPasskeyAsync(page, "Phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(TestUsers.DemoMember);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/account/sign-in/two-factor"));
        await page.GotoAsync("/t/demo");
        page.Url.ShouldContain("/account/sign-in", customMessage: "the password needs its second factor, the passkey");

        await page.GotoAsync("/account/sign-in/two-factor");
        await browser.ScreenshotAsync("two-factor-with-a-passkey");
        (await page.GetByLabel("Authentication code").CountAsync()).ShouldBe(
            0,
            "an account whose only factor is a passkey is not asked for a code"
        );
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex("/t/demo$"));

        (await AuditOfAsync(TestUsers.DemoMember)).ShouldContain(e =>
            e.Action == "account.signed_in" && e.Outcome == AuditOutcome.Success && e.Data!.Contains("\"method\":\"passkey\"")
        );
    }

    [Fact]
    public async Task A_passkey_of_a_disabled_account_signs_nobody_in()
    {
        await using var browser = await BrowserSession.StartAsync(Localhost);
        var page = browser.Page;
        await AddVirtualAuthenticatorAsync(page);
        await browser.SignInAsync(TestUsers.DemoMember);
        await AddPasskeyAsync(page, "Security key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var member = await scope
                .ServiceProvider.GetRequiredService<IUserDirectory>()
                .FindByEmailAsync(TestUsers.DemoMember, CancellationToken.None);
            (
                await scope.ServiceProvider.GetRequiredService<IAccounts>().SetDisabledAsync(member!.Id, true, CancellationToken.None)
            ).IsSuccess.ShouldBeTrue();
        }

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "This account is disabled." }).WaitForAsync();
        await browser.ScreenshotAsync("passkey-of-a-disabled-account");
        await page.GotoAsync("/t/demo");
        page.Url.ShouldContain("/account/sign-in");
        (await AuditOfAsync(TestUsers.DemoMember)).ShouldContain(e =>
            e.Action == "account.sign_in_failed" && e.Reason == "The account is disabled."
        );
    }

    private static async Task AddPasskeyAsync(IPage page, string name)
    {
        await page.GotoAsync("/account/security");
        await page.GetByLabel("Name of the new passkey").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"The passkey “{name}” was added." }).WaitForAsync();
    }

    /// <summary>A platform authenticator in this tab that keeps discoverable credentials and verifies the person without asking.</summary>
    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("WebAuthn.enable");
        await devTools.SendAsync(
            "WebAuthn.addVirtualAuthenticator",
            new Dictionary<string, object>
            {
                ["options"] = new Dictionary<string, object>
                {
                    ["protocol"] = "ctap2",
                    ["transport"] = "internal",
                    ["hasResidentKey"] = true,
                    ["hasUserVerification"] = true,
                    ["isUserVerified"] = true,
                    ["automaticPresenceSimulation"] = true,
                },
            }
        );
    }

    private async Task<List<AuditEvent>> AuditOfAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<IUserDirectory>().FindByEmailAsync(email, CancellationToken.None);
        var target = $"user:{user!.Id}";
        return await scope
            .ServiceProvider.GetRequiredService<IApplicationDbContext>()
            .AuditEvents.AsNoTracking()
            .Where(e => e.Target == target)
            .ToListAsync();
    }
}
