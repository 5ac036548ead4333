using System.Net;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed class ReauthorizeTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    [Fact]
    public async Task R3_reauthorize_goes_to_salesforce_and_keeps_one_connection_with_the_same_id()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        (await ConnectFlow.ConnectAsync(browser, SalesforceAdmin)).Dispose();
        var connectionId = ConnectionIdsOnPage(await browser.GetHtmlAsync(ManageOAuth)).ShouldHaveSingleItem();

        using var reauthorize = await browser.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Reauthorize",
            [new("connectionId", connectionId)]
        );

        reauthorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorizationUrl = reauthorize.Headers.Location!;
        authorizationUrl
            .GetLeftPart(UriPartial.Path)
            .ShouldBe(new Uri(Factory.Salesforce.ProductionLoginUrl, "/services/oauth2/authorize").ToString());
        ConnectFlow.Query(authorizationUrl, "code_challenge_method").ShouldBe("S256");
        var callback = await ConnectFlow.AtSalesforceAsync(authorizationUrl, SalesforceAdmin);
        using var response = await browser.GetPageAsync(callback);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        ConnectionIdsOnPage(page).ShouldBe([connectionId]);
        page.ShouldContain("alert success");
        (await ConnectionsAsync()).ShouldHaveSingleItem().Id.ToString().ShouldBe(connectionId);
        (await AuditEventsAsync("connection.reauthorized")).ShouldHaveSingleItem().Target.ShouldBe($"connection:{connectionId}");
        TokenCalls.ShouldBe(2);
    }

    [Fact]
    public async Task R3_reauthorizing_a_my_domain_connection_goes_back_to_that_my_domain_and_keeps_the_connection()
    {
        var myDomain = Factory.Salesforce.Demo.Acme.MyDomainUrl;
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var first = await ConnectFlow.StartAsync(browser, "MyDomain", myDomain.ToString());
        (await browser.GetPageAsync(await ConnectFlow.AtSalesforceAsync(first, SalesforceAdmin))).Dispose();
        var connectionId = ConnectionIdsOnPage(await browser.GetHtmlAsync(ManageOAuth)).ShouldHaveSingleItem();

        using var reauthorize = await browser.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Reauthorize",
            [new("connectionId", connectionId)]
        );

        reauthorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reauthorize.Headers.Location!.GetLeftPart(UriPartial.Authority).ShouldBe(myDomain.GetLeftPart(UriPartial.Authority));
        using var response = await browser.GetPageAsync(await ConnectFlow.AtSalesforceAsync(reauthorize.Headers.Location, SalesforceAdmin));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        ConnectionIdsOnPage(await browser.GetHtmlAsync(ManageOAuth)).ShouldBe([connectionId]);
        Factory
            .Salesforce.RequestLog.Where(r => r.Path == TokenPath)
            .ShouldAllBe(r => r.Origin == myDomain.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task A1_reauthorize_of_a_connection_that_does_not_exist_is_404_and_starts_nothing()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Reauthorize",
            [new("connectionId", Guid.NewGuid().ToString())]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PendingAuthorizationsAsync()).ShouldBeEmpty();
    }
}
