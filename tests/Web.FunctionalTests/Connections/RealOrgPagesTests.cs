using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

/// <summary>What Manage OAuth shows of real orgs' behaviour: the org's name and allowance, and an attempt that never came back.</summary>
public sealed class RealOrgPagesTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    [Fact]
    public async Task A_connection_shows_the_org_s_name_edition_and_daily_API_requests()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var org = Factory.Salesforce.Demo.Acme;

        using var _ = await ConnectFlow.ConnectAsync(browser, SalesforceAdmin);
        var page = await browser.GetHtmlAsync(ManageOAuth);

        page.ShouldContain($"<dt>Salesforce org</dt><dd>{org.Name} ({org.Edition})</dd>");
        page.ShouldContain("<dt>Daily API requests</dt>");
        page.ShouldContain("data-api-allowance=\"ok\"");
    }

    [Fact]
    public async Task An_attempt_that_stopped_on_Salesforce_s_error_page_is_explained_when_the_page_opens_again()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var demo = Factory.Salesforce.Demo;
        (await browser.GetHtmlAsync(ManageOAuth)).ShouldNotContain("data-abandoned=");

        var authorizationUrl = await ConnectFlow.StartAsync(browser, "MyDomain", demo.Initech.MyDomainUrl.ToString());
        using var emulatorBrowser = new EmulatorBrowser();
        await Should.ThrowAsync<InvalidOperationException>(() =>
            emulatorBrowser.AuthorizeAsync(authorizationUrl, demo.InitechUser.Username, DemoData.Password)
        );
        var page = await browser.GetHtmlAsync(ManageOAuth);

        page.ShouldContain("data-abandoned=\"salesforce\"");
        page.ShouldContain("never came back to Natero");
        page.ShouldContain("Approve Uninstalled Connected Apps");
    }
}
