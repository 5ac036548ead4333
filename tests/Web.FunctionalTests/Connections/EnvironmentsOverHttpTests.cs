using System.Net;
using System.Text.RegularExpressions;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed partial class EnvironmentsOverHttpTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    [Fact]
    public async Task Sandbox_admin_connects_through_the_sandbox_login_host()
    {
        var user = Factory.Salesforce.Demo.SandboxAdmin;
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var authorizationUrl = await ConnectFlow.StartAsync(browser, "Sandbox");
        using var response = await browser.GetPageAsync(await ConnectFlow.AtSalesforceAsync(authorizationUrl, user));

        authorizationUrl.GetLeftPart(UriPartial.Authority).ShouldBe(Factory.Salesforce.SandboxLoginUrl.GetLeftPart(UriPartial.Authority));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain("alert success");
        page.ShouldContain($"Salesforce org {user.Org.Id}</h3>");
        page.ShouldContain($"<dt>Salesforce user</dt><dd>{user.Username}</dd>");
        page.ShouldContain("<dt>Environment</dt><dd>Sandbox</dd>");
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.Environment.ShouldBe("Sandbox");
        Factory
            .Salesforce.RequestLog.Single(r => r.Path == TokenPath)
            .Origin.ShouldBe(Factory.Salesforce.SandboxLoginUrl.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task Admin_connects_through_the_orgs_my_domain()
    {
        var myDomain = Factory.Salesforce.Demo.Acme.MyDomainUrl;
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var authorizationUrl = await ConnectFlow.StartAsync(browser, "MyDomain", myDomain.ToString());
        using var response = await browser.GetPageAsync(await ConnectFlow.AtSalesforceAsync(authorizationUrl, SalesforceAdmin));

        authorizationUrl.GetLeftPart(UriPartial.Authority).ShouldBe(myDomain.GetLeftPart(UriPartial.Authority));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain("alert success");
        page.ShouldContain($"<dt>Salesforce user</dt><dd>{SalesforceAdmin.Username}</dd>");
        page.ShouldMatch($"<dt>Environment</dt><dd>My Domain \\((http://)?{Regex.Escape(myDomain.Host)}[:0-9]*\\)</dd>");
        (await ConnectionsAsync()).ShouldHaveSingleItem().Environment.ShouldBe("MyDomain");
        Factory.Salesforce.RequestLog.Single(r => r.Path == TokenPath).Origin.ShouldBe(myDomain.GetLeftPart(UriPartial.Authority));
    }

    [Fact]
    public async Task A_my_domain_that_is_not_a_salesforce_host_is_explained_next_to_the_field()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Authorize",
            [new("Input.Provider", "salesforce"), new("Input.Environment", "MyDomain"), new("Input.MyDomainHost", "evil.example")]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Location.ShouldBeNull();
        var html = await response.Content.ReadAsStringAsync();
        var message = FieldError().Match(html);
        message.Success.ShouldBeTrue(html);
        message.Groups[1].Value.ShouldStartWith("evil.example is not a Salesforce host.");
        html.ShouldContain("value=\"evil.example\"");
        (await PendingAuthorizationsAsync()).ShouldBeEmpty();
        SetCookies(response).ShouldNotContain(c => c.StartsWith(BindingCookie + "=", StringComparison.Ordinal));
        Factory.Salesforce.RequestLog.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_org_without_api_access_shows_api_access_disabled_and_the_steps_to_fix_it()
    {
        var user = Factory.Salesforce.Demo.GlobexAdmin;
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await ConnectFlow.ConnectAsync(browser, user);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain(">API access disabled</span>");
        page.ShouldContain("How to fix API access");
        page.ShouldContain("API Enabled by Profile");
        page.ShouldContain("API Enabled by Permission Set");
        page.ShouldContain("Edition without API access");
        page.ShouldContain("API_DISABLED_FOR_ORG");
        page.ShouldContain($"<dt>Salesforce user</dt><dd>{user.Username}</dd>");
        (await ConnectionsAsync()).ShouldHaveSingleItem().Status.ShouldBe(ConnectionStatus.ApiAccessDisabled);
    }

    [GeneratedRegex("<span id=\"host-salesforce-error\" class=\"field-error\">([^<]*)</span>")]
    private static partial Regex FieldError();
}
