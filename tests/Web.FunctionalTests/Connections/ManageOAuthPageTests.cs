using System.Net;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed class ManageOAuthPageTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    [Fact]
    public async Task Admin_sees_the_provider_dropdown_the_three_environments_and_authorize_provider()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var html = await browser.GetHtmlAsync(ManageOAuth);

        html.ShouldContain("<h1>Manage OAuth</h1>");
        html.ShouldContain("<label for=\"Input_Provider\">Provider</label>");
        html.ShouldMatch(
            "<select [^>]*id=\"Input_Provider\" name=\"Input.Provider\"[^>]*>\\s*<option "
                + "value=\"salesforce\"[^>]*>Salesforce</option>\\s*<option value=\"hubspot\">HubSpot</option>\\s*"
                + "<option value=\"zendesk\">Zendesk</option>\\s*</select>"
        );
        html.ShouldContain("name=\"Input.Environments[salesforce]\" value=\"Production\"");
        html.ShouldContain("name=\"Input.Environments[salesforce]\" value=\"Sandbox\"");
        html.ShouldContain("name=\"Input.Environments[salesforce]\" value=\"MyDomain\"");
        html.ShouldContain("name=\"Input.Hosts[salesforce]\"");
        html.ShouldContain("OAUTH_APPROVAL_ERROR_GENERIC", customMessage: "what to do when Salesforce never sends the person back");
        html.ShouldContain("action=\"/t/demo/settings/it-administration/oauth?handler=Authorize\"");
        html.ShouldContain("<button type=\"submit\" class=\"primary\">Authorize provider</button>");
        html.ShouldContain("No connections yet.");
    }

    [Fact]
    public async Task A1_member_with_view_only_sees_the_connections_read_only_and_which_permission_to_ask_for()
    {
        using (var admin = await SignedInAs(TestUsers.DemoAdmin))
        {
            (await ConnectFlow.ConnectAsync(admin, SalesforceAdmin)).Dispose();
        }

        using var member = await SignedInAs(TestUsers.DemoMember);

        var html = await member.GetHtmlAsync(ManageOAuth);

        html.ShouldContain(SalesforceAdmin.Username);
        html.ShouldContain("Pending configuration");
        html.ShouldContain(
            "You can see this tenant's connections. To authorize or change them "
                + "you need the <strong>Configure data connectors</strong> permission"
        );
        html.ShouldNotContain("handler=Authorize");
        html.ShouldNotContain("Authorize provider</button>");
        html.ShouldNotContain("handler=Reauthorize");
    }

    [Fact]
    public async Task A1_member_posting_authorize_gets_403_and_no_attempt_is_started()
    {
        using var member = await SignedInAs(TestUsers.DemoMember);

        using var response = await member.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Authorize", ProductionFields);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Configure data connectors");
        SetCookies(response).ShouldNotContain(c => c.StartsWith(BindingCookie + "=", StringComparison.Ordinal));
        (await PendingAuthorizationsAsync()).ShouldBeEmpty();
        Factory.Salesforce.RequestLog.ShouldBeEmpty();
    }

    [Fact]
    public async Task A1_member_posting_reauthorize_gets_403_and_no_attempt_is_started()
    {
        using (var admin = await SignedInAs(TestUsers.DemoAdmin))
        {
            (await ConnectFlow.ConnectAsync(admin, SalesforceAdmin)).Dispose();
        }

        var connection = (await ConnectionsAsync()).Single();
        var attemptsBefore = (await PendingAuthorizationsAsync()).Count;
        using var member = await SignedInAs(TestUsers.DemoMember);

        using var response = await member.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Reauthorize",
            [new("connectionId", connection.Id.ToString())]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PendingAuthorizationsAsync()).Count.ShouldBe(attemptsBefore);
    }

    [Fact]
    public async Task A1_user_of_another_tenant_gets_404_and_none_of_its_connections()
    {
        using (var admin = await SignedInAs(TestUsers.DemoAdmin))
        {
            (await ConnectFlow.ConnectAsync(admin, SalesforceAdmin)).Dispose();
        }

        await CreateOtherTenantAsync();
        using var intruder = await SignedInAs(OtherTenantAdmin);

        using var response = await intruder.GetPageAsync(ManageOAuth);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldNotContain(SalesforceAdmin.Username);
        html.ShouldNotContain(SalesforceAdmin.Org.Id);
    }

    [Fact]
    public async Task A1_user_of_another_tenant_posting_authorize_gets_404_and_no_attempt_is_started()
    {
        await CreateOtherTenantAsync();
        using var intruder = await SignedInAs(OtherTenantAdmin);

        using var response = await intruder.SubmitAsync(
            "/t/other/settings/it-administration/oauth",
            ManageOAuth + "?handler=Authorize",
            ProductionFields
        );

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PendingAuthorizationsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A1_anonymous_visitor_is_redirected_to_sign_in_with_the_page_as_return_url()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.GetPageAsync(ManageOAuth);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe("/account/sign-in?returnUrl=%2Ft%2Fdemo%2Fsettings%2Fit-administration%2Foauth");
    }
}
