using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Connections.Commands.AuthorizationLinks;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>What a tenant admin clicks to give automation a key and take it away again, and to follow a link automation sent.</summary>
public sealed class ApiKeysPageTests(AppServer app) : IAsyncLifetime
{
    /// <summary>Where screenshots go when NATERO_SCREENSHOTS is set, for a person to look at; CI writes none.</summary>
    private const string ScreenshotFolder = "/tmp/natero-screens";

    private const string ApiKeys = "/t/demo/settings/api-keys";
    private const string ManageOAuth = "/t/demo/settings/it-administration/oauth";

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Admin_creates_a_key_sees_it_once_and_revokes_it()
    {
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;
        await browser.SignInAsync(TestUsers.DemoAdmin);

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await nav.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex(Regex.Escape(ApiKeys) + "$"));
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("API keys");
        (await page.GetByLabel("Expires after").InputValueAsync()).ShouldBe("90");
        await ScreenshotAsync(page, "empty");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nightly export");
        await page.GetByLabel(new Regex("^Read connector credentials")).CheckAsync();
        await page.GetByLabel("Expires after").SelectOptionAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var created = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "it will not be shown again" });
        await created.WaitForAsync();
        (await created.GetByRole(AriaRole.Heading).InnerTextAsync()).ShouldBe("Your new key “Nightly export”");
        var plaintext = await page.Locator("#created-key-value").InnerTextAsync();
        plaintext.ShouldMatch("^ntr_[0-9A-Za-z]{49}$");
        await ScreenshotAsync(page, "created");

        await page.GotoAsync(ApiKeys);
        (await page.GetByRole(AriaRole.Status).CountAsync()).ShouldBe(0);
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(plaintext);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nightly export" });
        (await row.InnerTextAsync()).ShouldContain(plaintext[..12] + "…");
        (await row.InnerTextAsync()).ShouldContain("Read connector credentials");
        (await row.Locator(".status").InnerTextAsync()).ShouldBe("Active");

        await row.GetByText("Revoke…").ClickAsync();
        await ScreenshotAsync(page, "confirm-revoke");
        await row.GetByRole(AriaRole.Button, new() { Name = "Yes, revoke key Nightly export" }).ClickAsync();

        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The key is revoked" }).WaitForAsync();
        var revoked = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nightly export" });
        (await revoked.Locator(".status").InnerTextAsync()).ShouldBe("Revoked");
        (await revoked.GetByText("Revoke…").CountAsync()).ShouldBe(0);
        await ScreenshotAsync(page, "revoked");
    }

    [Fact]
    public async Task Admin_opens_an_authorization_link_signs_in_continues_to_salesforce_and_the_link_is_then_used_up()
    {
        var link = await CreateLinkAsync();
        await using var browser = await BrowserSession.StartAsync(app.BaseUrl);
        var page = browser.Page;

        await page.GotoAsync(link);
        await page.WaitForAddressAsync(new Regex("/account/sign-in"));
        await page.GetByLabel("Email").FillAsync(TestUsers.DemoAdmin);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(new Regex(Regex.Escape(link) + "$"));

        (await page.Locator("main").InnerTextAsync()).ShouldContain(
            $"{TestUsers.DemoAdmin} asks you to connect Salesforce (Production) to Demo Company."
        );
        await ScreenshotAsync(page, "connect-link");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to Salesforce" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(app.Salesforce.Demo.Admin.Username);
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log In" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await page.WaitForAddressAsync(new Regex(Regex.Escape(ManageOAuth) + "$"));
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connected Salesforce org" }).WaitForAsync();

        await page.GotoAsync(link);
        (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("This link cannot be used");
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldContain("This link was already used.");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Continue to Salesforce" }).CountAsync()).ShouldBe(0);
        await ScreenshotAsync(page, "connect-link-used");
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to Manage OAuth" }).ClickAsync();
        await page.WaitForAddressAsync(new Regex(Regex.Escape(ManageOAuth) + "$"));
    }

    /// <summary>A link made through the mediator by the demo admin, as the API makes them; returns its path.</summary>
    private async Task<string> CreateLinkAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(TestUsers.DemoAdmin);
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user!);
        var tenantId = await services
            .GetRequiredService<IApplicationDbContext>()
            .Tenants.Where(t => t.Slug == TestUsers.DemoTenant)
            .Select(t => t.Id)
            .SingleAsync();
        services.GetRequiredService<ITenantContext>().SetTenant(tenantId, TestUsers.DemoTenant);
        var http = services.GetRequiredService<IHttpContextAccessor>();
        http.HttpContext = new DefaultHttpContext { User = principal, RequestServices = services };
        try
        {
            var created = await services
                .GetRequiredService<ISender>()
                .Send(new CreateAuthorizationLinkCommand("salesforce", "Production", null, ManageOAuth));
            created.IsSuccess.ShouldBeTrue(created.Error?.Message);
            return $"/t/{TestUsers.DemoTenant}/connect/{created.Value.Token}";
        }
        finally
        {
            http.HttpContext = null;
        }
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("NATERO_SCREENSHOTS") is not { Length: > 0 })
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"apikeys-{name}.png"), FullPage = true }
        );
    }
}
