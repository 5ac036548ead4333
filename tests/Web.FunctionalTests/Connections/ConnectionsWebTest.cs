using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

/// <summary>What the connection tests over HTTP share: the database as it is, the emulator's token calls, other people.</summary>
public abstract partial class ConnectionsWebTest(NateroWebFactory factory) : WebTest(factory)
{
    protected const string ManageOAuth = ConnectFlow.ManageOAuth;
    protected const string OtherTenantAdmin = "admin@other.test";
    protected const string TokenPath = "/services/oauth2/token";
    protected const string BindingCookie = "__Host-natero-oauth";

    protected static readonly KeyValuePair<string, string>[] ProductionFields =
    [
        new("Input.Provider", "salesforce"),
        new("Input.Environment", "Production"),
        new("Input.MyDomainHost", string.Empty),
    ];

    protected EmulatorUser SalesforceAdmin => Factory.Salesforce.Demo.Admin;

    /// <summary>Authorization-code exchanges the emulator has served since the test began.</summary>
    protected int TokenCalls => Factory.Salesforce.RequestLog.Count(r => r.Path == TokenPath && r.GrantType == "authorization_code");

    protected async Task<List<PendingAuthorization>> PendingAuthorizationsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.PendingAuthorizations.IgnoreQueryFilters().AsNoTracking().ToListAsync();
    }

    protected async Task<List<ProviderConnection>> ConnectionsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.ProviderConnections.IgnoreQueryFilters().AsNoTracking().ToListAsync();
    }

    protected async Task<List<AuditEvent>> AuditEventsAsync(string action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.AuditEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.Action == action).ToListAsync();
    }

    /// <summary>Signs in again in the same browser, which keeps every other cookie (the OAuth binding among them).</summary>
    protected static async Task SwitchUserAsync(Browser browser, string email)
    {
        using var response = await browser.SignInAsync(email, TestUsers.Password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"sign-in as {email} should succeed");
    }

    /// <summary>The demo admin gives the demo member Configure data connectors through the Users page.</summary>
    protected async Task GrantMemberConfigureAsync()
    {
        const string usersPage = "/t/demo/settings/users";
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var html = await admin.GetHtmlAsync(usersPage);
        var row = html[html.IndexOf($"data-member=\"{TestUsers.DemoMember}\"", StringComparison.Ordinal)..];
        var membershipId = MembershipId().Match(row).Groups[1].Value;
        using var response = await admin.SubmitAsync(
            usersPage,
            usersPage + "?handler=Permissions",
            [
                new("membershipId", membershipId),
                new("permissions", Permissions.DataConnectors.View),
                new("permissions", Permissions.DataConnectors.Configure),
            ]
        );
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>A second tenant, "other", whose admin signs in with the shared test password.</summary>
    protected async Task CreateOtherTenantAsync()
    {
        using var platform = await SignedInAs(TestUsers.PlatformAdmin);
        using var response = await platform.SubmitAsync(
            "/platform/tenants",
            "/platform/tenants",
            [new("Input.Name", "Other"), new("Input.Slug", "other"), new("Input.AdminEmail", OtherTenantAdmin)]
        );
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Factory.AcceptInvitationAsync(OtherTenantAdmin);
    }

    /// <summary>Starts the flow and answers Allow at the emulator; returns the callback path and query, not yet visited.</summary>
    protected async Task<string> CallbackFromSalesforceAsync(
        Browser browser,
        EmulatorUser? user = null,
        ConsentDecision decision = ConsentDecision.Allow
    )
    {
        var authorizationUrl = await ConnectFlow.StartAsync(browser);
        return await ConnectFlow.AtSalesforceAsync(authorizationUrl, user ?? SalesforceAdmin, decision);
    }

    protected static async Task<HttpResponseMessage> GetAcceptingJsonAsync(Browser browser, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await browser.Client.SendAsync(request);
    }

    protected static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    protected static string QueryValue(string pathAndQuery, string key) =>
        QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), pathAndQuery).Query)[key].ToString();

    /// <summary>The callback path with one query value replaced (or added), encoded as a browser would send it.</summary>
    protected static string WithQueryValue(string pathAndQuery, string key, string value)
    {
        var uri = new Uri(new Uri("https://localhost"), pathAndQuery);
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query[key] = value;
        return QueryHelpers.AddQueryString(uri.AbsolutePath, query);
    }

    protected static IReadOnlyList<string> ConnectionIdsOnPage(string html) =>
        [.. ConnectionHeading().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("name=\"membershipId\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex MembershipId();

    [GeneratedRegex("<code class=\"secret\">([^<]+)</code>")]
    private static partial Regex GeneratedPassword();

    [GeneratedRegex("<h3 id=\"conn-([0-9a-f-]{36})\"")]
    private static partial Regex ConnectionHeading();
}
