using System.Net;
using System.Text.Json;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.HubSpotEmulator;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

/// <summary>HubSpot over HTTP: the Manage OAuth form, HubSpot's install pages at the emulator, the callback, the API.</summary>
public sealed class ConnectHubSpotOverHttpTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    private static readonly KeyValuePair<string, string>[] HubSpotFields = [new("Input.Provider", "hubspot")];

    [Fact]
    public async Task Admin_connects_a_hubspot_portal_from_manage_oauth_and_sees_it_listed()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var form = await browser.GetHtmlAsync(ManageOAuth);
        form.ShouldContain("<option value=\"hubspot\"");
        form.ShouldContain("HubSpot does not return to Natero");

        using var start = await browser.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Authorize", HubSpotFields);

        start.StatusCode.ShouldBe(HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync());
        var authorizeUrl = start.Headers.Location!;
        authorizeUrl.GetLeftPart(UriPartial.Path).ShouldBe(Factory.HubSpot.AuthorizeUrl.ToString());
        ConnectFlow.Query(authorizeUrl, "optional_scope").ShouldBe("crm.objects.contacts.read");
        var callback = await AtHubSpotAsync(authorizeUrl, Factory.HubSpot.Demo.Admin);

        using var landed = await browser.GetPageAsync(callback);

        landed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        landed.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain("Connected HubSpot portal 12345678 as admin@acme-hubspot.example.");
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.Provider.ShouldBe("hubspot");
        page.ShouldContain($"<h3 id=\"conn-{connection.Id}\">HubSpot portal 12345678</h3>");
        page.ShouldContain("<dt>HubSpot user</dt><dd>admin@acme-hubspot.example</dd>");
        page.ShouldContain("<dt>HubSpot portal</dt><dd>acme-demo.hubspot.com (STANDARD)</dd>");
        page.ShouldContain(">Pending configuration</span>");
    }

    [Fact]
    public async Task A_portal_without_the_crm_scope_is_listed_with_the_steps_that_fix_it()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        using var start = await browser.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Authorize", HubSpotFields);
        var callback = await AtHubSpotAsync(start.Headers.Location!, Factory.HubSpot.Demo.Limited);

        using var landed = await browser.GetPageAsync(callback);

        landed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = WebUtility.HtmlDecode(await browser.GetHtmlAsync(ManageOAuth));
        page.ShouldContain("crm.objects.contacts.read");
        page.ShouldContain("Reauthorize as a Super Admin");
        (await ConnectionsAsync()).ShouldHaveSingleItem().Status.ShouldBe(Domain.Connections.ConnectionStatus.ApiAccessDisabled);
    }

    [Fact]
    public async Task The_providers_api_shows_hubspot_configured_with_nothing_to_type()
    {
        using var client = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View)
        );

        using var response = await client.GetAsync("/api/v1/providers");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var hubSpot = JsonDocument.Parse(body).RootElement.EnumerateArray().Single(p => p.GetProperty("key").GetString() == "hubspot");
        hubSpot.GetProperty("displayName").GetString().ShouldBe("HubSpot");
        hubSpot.GetProperty("isConfigured").GetBoolean().ShouldBeTrue();
        hubSpot.GetProperty("needs").GetString().ShouldBe("Nothing");
        hubSpot.GetProperty("accountNoun").GetString().ShouldBe("portal");
    }

    [Fact]
    public async Task An_authorization_link_from_the_api_leads_to_hubspots_install_page()
    {
        using var client = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.Configure)
        );

        using var created = await client.SendAsync(HttpMethod.Post, "/api/v1/connections/authorizations", new { provider = "hubspot" });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var link = new Uri((await created.JsonAsync()).GetProperty("authorizationUrl").GetString()!).PathAndQuery;
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        (await browser.GetHtmlAsync(link)).ShouldContain("Continue to HubSpot");
        using var start = await browser.SubmitAsync(link, link, []);
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect, await start.Content.ReadAsStringAsync());
        start.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(Factory.HubSpot.AuthorizeUrl.ToString());
        var callback = await AtHubSpotAsync(start.Headers.Location!, Factory.HubSpot.Demo.Admin);

        using var landed = await browser.GetPageAsync(callback);

        landed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ConnectionsAsync()).ShouldHaveSingleItem().ExternalOrgId.ShouldBe("12345678");
    }

    /// <summary>Logs in at the emulator and clicks Connect app; returns the callback path and query on Natero.</summary>
    private static async Task<string> AtHubSpotAsync(Uri authorizeUrl, EmulatorUser user)
    {
        using var emulatorBrowser = new EmulatorBrowser();
        var outcome = await emulatorBrowser.AuthorizeAsync(authorizeUrl, user.Email, DemoData.Password);
        var callback = outcome.Callback.ShouldNotBeNull(outcome.PageMessage);
        callback.GetLeftPart(UriPartial.Path).ShouldBe(NateroWebFactory.HubSpotCallbackUrl);
        return callback.PathAndQuery;
    }
}
