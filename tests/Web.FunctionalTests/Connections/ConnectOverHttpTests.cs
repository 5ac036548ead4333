using System.Net;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed class ConnectOverHttpTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    [Fact]
    public async Task Admin_connects_and_lands_on_manage_oauth_with_a_banner()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var callback = await ConnectFlow.ConnectAsync(browser, Factory.Salesforce.Demo.Admin);

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        callback.Headers.Location!.OriginalString.ShouldBe(ConnectFlow.ManageOAuth);
        callback.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        var page = await browser.GetHtmlAsync(ConnectFlow.ManageOAuth);
        page.ShouldContain("Connected Salesforce org");
        page.ShouldContain("Pending configuration");
        page.ShouldContain(Factory.Salesforce.Demo.Admin.Username);
    }

    [Fact]
    public async Task A_successful_callback_shows_the_banner_once_and_the_connection_with_its_user_environment_and_author()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var callback = await ConnectFlow.ConnectAsync(browser, SalesforceAdmin);

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        callback.Headers.Location!.OriginalString.ShouldBe("/t/demo/settings/it-administration/oauth");
        callback.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        SetCookies(callback)
            .ShouldContain(c =>
                c.StartsWith(BindingCookie + "=;", StringComparison.Ordinal)
                && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal)
            );
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain(
            $"<div class=\"alert success\" role=\"status\">Connected Salesforce org {SalesforceAdmin.Org.Id} as {SalesforceAdmin.Username}."
        );
        page.ShouldContain($"<h3 id=\"conn-{(await ConnectionsAsync()).Single().Id}\">Salesforce org {SalesforceAdmin.Org.Id}</h3>");
        page.ShouldContain(">Pending configuration</span>");
        page.ShouldContain($"<dt>Salesforce user</dt><dd>{SalesforceAdmin.Username}</dd>");
        page.ShouldContain("<dt>Environment</dt><dd>Production</dd>");
        page.ShouldContain($"by {TestUsers.DemoAdmin}</dd>");
        TokenCalls.ShouldBe(1);
        (await browser.GetHtmlAsync(ManageOAuth)).ShouldNotContain("alert success");
    }
}
