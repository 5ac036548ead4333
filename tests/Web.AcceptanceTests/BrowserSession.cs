using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>Debian's Chromium, headless, driven by Playwright; never a downloaded browser.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri _baseUrl = null!;

    public IPage Page { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSession> StartAsync(Uri baseUrl)
    {
        var session = new BrowserSession { _playwright = await Playwright.CreateAsync(), _baseUrl = baseUrl };
        session._browser = await session._playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("NATERO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                ],
            }
        );
        var context = await session._browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = baseUrl.ToString(),
                ViewportSize = new() { Width = 1280, Height = 900 },
            }
        );
        session.Page = await context.NewPageAsync();
        return session;
    }

    /// <summary>A page in a second browser context: no cookies shared with <see cref="Page"/>, as on another person's computer.</summary>
    public async Task<IPage> OtherBrowserAsync()
    {
        var context = await _browser!.NewContextAsync(
            new BrowserNewContextOptions
            {
                BaseURL = _baseUrl.ToString(),
                ViewportSize = new() { Width = 1280, Height = 900 },
            }
        );
        return await context.NewPageAsync();
    }

    public async Task SignInAsync(string email, string password = TestUsers.Password)
    {
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Page.WaitForAddressAsync(new Regex("/t/demo$"));
    }

    public Task ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
