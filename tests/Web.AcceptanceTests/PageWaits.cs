using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Natero.Connectors.Web.AcceptanceTests;

/// <summary>
/// Waits for a page's address and load state that cannot miss them. Playwright's own <c>WaitForURLAsync</c> and
/// <c>WaitForLoadStateAsync</c> check the page's state and then subscribe to its events; an event that Playwright's
/// message thread delivers between the two reaches no one, and the wait runs to its timeout on a page that loaded
/// long before (microsoft/playwright-dotnet#3364). Here that showed as a rare 30 s timeout at sign-in while both
/// database lanes loaded the machine.
/// </summary>
public static class PageWaits
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the page's address matches, asked of the browser until it does, and the page has loaded.</summary>
    public static async Task WaitForAddressAsync(this IPage page, Regex address, LoadState state = LoadState.Load)
    {
        await Assertions.Expect(page).ToHaveURLAsync(address, new() { Timeout = (float)Patience.TotalMilliseconds });
        await page.WaitForLoadedAsync(state);
    }

    /// <summary>
    /// Waits for a load state in short waits asked again: a state whose event was lost is still recorded, so the next
    /// short wait finds it at once.
    /// </summary>
    public static async Task WaitForLoadedAsync(this IPage page, LoadState state = LoadState.Load)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await page.WaitForLoadStateAsync(state, new() { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (waited.Elapsed < Patience) { }
        }
    }
}
