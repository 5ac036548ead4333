using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Natero.Connectors.SalesforceEmulator;

namespace Natero.Connectors.Web.FunctionalTests;

/// <summary>The connect flow over HTTP: the Manage OAuth form, the emulator's pages, the callback.</summary>
public static class ConnectFlow
{
    public const string ManageOAuth = "/t/demo/settings/it-administration/oauth";

    /// <summary>Submits Authorize provider and returns the redirect to Salesforce (the binding cookie is now in the browser).</summary>
    public static async Task<Uri> StartAsync(
        Browser browser,
        string environment = "Production",
        string? myDomainHost = null,
        string page = ManageOAuth
    )
    {
        using var response = await browser.SubmitAsync(
            page,
            page + "?handler=Authorize",
            [
                new("Input.Provider", "salesforce"),
                new("Input.Environment", environment),
                new("Input.MyDomainHost", myDomainHost ?? string.Empty),
            ]
        );
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!;
    }

    /// <summary>Logs in at the emulator and answers the consent page; returns the callback path and query on Natero.</summary>
    public static async Task<string> AtSalesforceAsync(
        Uri authorizationUrl,
        EmulatorUser user,
        ConsentDecision decision = ConsentDecision.Allow
    )
    {
        using var emulatorBrowser = new EmulatorBrowser();
        var callback = await emulatorBrowser.AuthorizeAsync(authorizationUrl, user.Username, DemoData.Password, decision);
        callback.GetLeftPart(UriPartial.Path).ShouldBe(NateroWebFactory.CallbackUrl);
        return callback.PathAndQuery;
    }

    public static async Task<HttpResponseMessage> ConnectAsync(
        Browser browser,
        EmulatorUser user,
        string environment = "Production",
        string? myDomainHost = null
    )
    {
        var authorizationUrl = await StartAsync(browser, environment, myDomainHost);
        var callback = await AtSalesforceAsync(authorizationUrl, user);
        return await browser.GetPageAsync(callback);
    }

    public static string Query(Uri url, string key) => QueryHelpers.ParseQuery(url.Query)[key].ToString();
}
