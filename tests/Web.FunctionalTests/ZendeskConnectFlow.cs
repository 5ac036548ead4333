using System.Net;
using Natero.Connectors.ZendeskEmulator;

namespace Natero.Connectors.Web.FunctionalTests;

/// <summary>The Zendesk connect flow over HTTP: the Manage OAuth form with the subdomain, the emulator's pages, the callback.</summary>
public static class ZendeskConnectFlow
{
    /// <summary>Submits Authorize provider for Zendesk with <paramref name="subdomain"/> typed; returns the form's answer.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(Browser browser, string subdomain) =>
        browser.SubmitAsync(
            ConnectFlow.ManageOAuth,
            ConnectFlow.ManageOAuth + "?handler=Authorize",
            [new("Input.Provider", "zendesk"), new("Input.Environments[zendesk]", "Subdomain"), new("Input.Hosts[zendesk]", subdomain)]
        );

    /// <summary>Submits the form for <paramref name="account"/> (its loopback origin typed) and returns the redirect to Zendesk.</summary>
    public static async Task<Uri> StartAsync(Browser browser, ZendeskAccount account)
    {
        using var response = await SubmitAsync(browser, account.Origin);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>Signs in at the emulator and answers the Allow page; returns the callback path and query on Natero.</summary>
    public static async Task<string> AtZendeskAsync(
        Uri authorizationUrl,
        ZendeskUser user,
        ConsentDecision decision = ConsentDecision.Allow
    )
    {
        using var emulatorBrowser = new EmulatorBrowser();
        var callback = await emulatorBrowser.AuthorizeAsync(authorizationUrl, user.Email, DemoData.Password, decision);
        callback.GetLeftPart(UriPartial.Path).ShouldBe(NateroWebFactory.ZendeskCallbackUrl);
        return callback.PathAndQuery;
    }

    public static async Task<HttpResponseMessage> ConnectAsync(Browser browser, ZendeskUser user)
    {
        var authorizationUrl = await StartAsync(browser, user.Account);
        return await browser.GetPageAsync(await AtZendeskAsync(authorizationUrl, user));
    }
}
