using System.Net;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed class ConnectOverHttpTests(NateroWebFactory factory) : WebTest(factory)
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
}
