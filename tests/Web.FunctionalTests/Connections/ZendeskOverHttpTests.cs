using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using Natero.Connectors.ZendeskEmulator;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

/// <summary>Zendesk over HTTP: the Manage OAuth form with the subdomain field, the providers API, an authorization link.</summary>
public sealed partial class ZendeskOverHttpTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    private DemoData Zendesk => Factory.Zendesk.Demo;

    [Fact]
    public async Task Admin_connects_a_zendesk_account_by_typing_its_subdomain_on_manage_oauth()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var authorizationUrl = await ZendeskConnectFlow.StartAsync(browser, Zendesk.Acme);
        using var response = await browser.GetPageAsync(await ZendeskConnectFlow.AtZendeskAsync(authorizationUrl, Zendesk.Admin));

        authorizationUrl.GetLeftPart(UriPartial.Path).ShouldBe(Zendesk.Acme.Origin + "/oauth/authorizations/new");
        var query = QueryHelpers.ParseQuery(authorizationUrl.Query);
        query["client_id"].ToString().ShouldBe(DemoData.ClientId);
        query["redirect_uri"].ToString().ShouldBe(NateroWebFactory.ZendeskCallbackUrl);
        query["code_challenge_method"].ToString().ShouldBe("S256");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain("alert success");
        page.ShouldContain($"Zendesk account {Zendesk.Acme.Origin}</h3>");
        page.ShouldContain($"<dt>Zendesk user</dt><dd>{Zendesk.Admin.Email}</dd>");
        page.ShouldContain($"<dt>Signs in at</dt><dd>{Zendesk.Acme.Origin}</dd>");
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.Provider.ShouldBe("zendesk");
        connection.Environment.ShouldBe("Subdomain");
        connection.SignInHost.ShouldBe(Zendesk.Acme.Origin);
        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        Factory.Zendesk.RequestLog.Single(r => r.Path == "/oauth/tokens").StatusCode.ShouldBe(201);
    }

    [Theory]
    [InlineData("evil.com", "evil.com is not a Zendesk host.")]
    [InlineData("acme.zendesk.com@evil", "A Zendesk host has no user name")]
    [InlineData("acme.zendesk.com:8443", "without a port")]
    public async Task A_subdomain_that_is_not_zendesks_is_explained_next_to_the_field_and_nothing_is_sent(string typed, string words)
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await ZendeskConnectFlow.SubmitAsync(browser, typed);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Location.ShouldBeNull();
        var html = await response.Content.ReadAsStringAsync();
        var message = FieldError().Match(html);
        message.Success.ShouldBeTrue(html);
        System.Net.WebUtility.HtmlDecode(message.Groups[1].Value).ShouldContain(words);
        (await PendingAuthorizationsAsync()).ShouldBeEmpty();
        Factory.Zendesk.RequestLog.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_end_user_is_told_to_connect_as_an_admin_or_agent_and_nothing_is_connected()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await ZendeskConnectFlow.ConnectAsync(browser, Zendesk.EndUser);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = System.Net.WebUtility.HtmlDecode(await browser.GetHtmlAsync(ManageOAuth));
        page.ShouldContain($"{Zendesk.EndUser.Email} is an end user in Zendesk");
        page.ShouldContain("Admin Center > People");
        (await ConnectionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_providers_api_says_zendesk_is_configured_and_needs_a_subdomain()
    {
        using var client = ApiTesting.Client(
            Factory,
            await ApiTesting.TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View)
        );

        using var response = await client.GetAsync("/api/v1/providers");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var zendesk = (await response.JsonAsync()).EnumerateArray().Single(p => p.GetProperty("key").GetString() == "zendesk");
        zendesk.GetProperty("displayName").GetString().ShouldBe("Zendesk");
        zendesk.GetProperty("isConfigured").GetBoolean().ShouldBeTrue();
        zendesk.GetProperty("needs").GetString().ShouldBe("Subdomain");
        zendesk.GetProperty("accountNoun").GetString().ShouldBe("account");
        var environment = zendesk.GetProperty("environments").EnumerateArray().ShouldHaveSingleItem();
        environment.GetProperty("key").GetString().ShouldBe("Subdomain");
        environment.GetProperty("hostLabel").GetString().ShouldBe("Zendesk subdomain");
        environment.GetProperty("hostExample").GetString().ShouldBe("acme.zendesk.com");
        zendesk.GetProperty("apiAccessFixIt").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task An_authorization_link_for_a_subdomain_made_through_the_api_connects_that_account()
    {
        using var client = ApiTesting.Client(
            Factory,
            await ApiTesting.TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.Configure)
        );
        using var created = await client.SendAsync(
            HttpMethod.Post,
            "/api/v1/connections/authorizations",
            new { provider = "zendesk", subdomain = Zendesk.Acme.Origin }
        );
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var link = new Uri((await created.JsonAsync()).GetProperty("authorizationUrl").GetString()!);
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var page = await browser.GetHtmlAsync(link.PathAndQuery);
        using var continued = await browser.SubmitAsync(link.PathAndQuery, link.PathAndQuery, []);
        continued.StatusCode.ShouldBe(HttpStatusCode.Redirect, await continued.Content.ReadAsStringAsync());
        using var callback = await browser.GetPageAsync(
            await ZendeskConnectFlow.AtZendeskAsync(continued.Headers.Location!, Zendesk.Agent)
        );

        page.ShouldContain("Connect Zendesk");
        page.ShouldContain(Zendesk.Acme.Origin);
        continued.Headers.Location!.GetLeftPart(UriPartial.Authority).ShouldBe(Zendesk.Acme.Origin);
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var connection = (await ConnectionsAsync()).ShouldHaveSingleItem();
        connection.Username.ShouldBe(Zendesk.Agent.Email);
        connection.ExternalOrgId.ShouldBe(Zendesk.Acme.Origin);
    }

    [Fact]
    public async Task An_authorization_link_for_a_host_that_is_not_zendesks_is_a_validation_problem()
    {
        using var client = ApiTesting.Client(
            Factory,
            await ApiTesting.TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.Configure)
        );

        using var response = await client.SendAsync(
            HttpMethod.Post,
            "/api/v1/connections/authorizations",
            new { provider = "zendesk", subdomain = "acme.zendesk.com.evil.com" }
        );

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).ShouldContain("is not a Zendesk host");
        Factory.Zendesk.RequestLog.ShouldBeEmpty();
    }

    [Fact]
    public async Task With_the_global_client_one_tenant_connects_two_zendesk_accounts()
    {
        await using var global = Factory.WithWebHostBuilder(b =>
            b.UseSetting("Zendesk:ClientId", DemoData.GlobalClientId).UseSetting("Zendesk:ClientSecret", DemoData.GlobalClientSecret)
        );
        using var browser = new Browser(
            global.CreateClient(
                new WebApplicationFactoryClientOptions
                {
                    BaseAddress = new Uri("https://localhost"),
                    AllowAutoRedirect = false,
                    HandleCookies = true,
                }
            )
        );
        (await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password)).Dispose();

        (await ZendeskConnectFlow.ConnectAsync(browser, Zendesk.Admin)).Dispose();
        (await ZendeskConnectFlow.ConnectAsync(browser, Zendesk.GlobexAdmin)).Dispose();

        var connections = await ConnectionsAsync();
        connections.Select(c => c.ExternalOrgId).Order().ShouldBe(new[] { Zendesk.Acme.Origin, Zendesk.Globex.Origin }.Order());
        connections.ShouldAllBe(c => c.Status == ConnectionStatus.PendingConfiguration);
        Factory
            .Zendesk.RequestLog.Where(r => r.Path == "/oauth/tokens")
            .Select(r => r.Body["client_id"])
            .Distinct()
            .ShouldBe([DemoData.GlobalClientId]);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain($"Zendesk account {Zendesk.Globex.Origin}</h3>");
    }

    [GeneratedRegex("<span id=\"host-zendesk-error\" class=\"field-error\">([^<]*)</span>")]
    private static partial Regex FieldError();
}
