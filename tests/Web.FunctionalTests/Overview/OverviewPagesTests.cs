using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.ApiCalls;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;

namespace Natero.Connectors.Web.FunctionalTests.Overview;

/// <summary>The platform overview and the connection history pages over HTTP: what they show, and who may see them.</summary>
public sealed partial class OverviewPagesTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task Staff_land_on_the_overview_which_counts_connections_and_api_calls_per_tenant()
    {
        await Factory.CreateAuditorAsync();
        var connected = await Factory.ConnectDemoAsync();
        await Factory.AddConnectionAsync(TestUsers.DemoTenant, DateTimeOffset.UtcNow);
        var key = await ApiTesting.TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.DataConnectors.View);
        using (var api = ApiTesting.Client(Factory, key))
        {
            for (var i = 0; i < 3; i++)
            {
                using var listed = await api.GetAsync(new Uri("/api/v1/connections", UriKind.Relative));
                listed.StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }

        await Factory.Services.GetRequiredService<ApiCallTallyWriter>().FlushAsync(CancellationToken.None);
        using var auditor = await SignedInAs(ApiTesting.Auditor);

        using var landing = await auditor.GetPageAsync("/");
        landing.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        landing.Headers.Location!.OriginalString.ShouldBe("/platform");
        var html = await auditor.GetHtmlAsync("/platform");

        html.ShouldContain("<h1>Overview</h1>");
        var demoRow = Row(html, $"data-tenant=\"{TestUsers.DemoTenant}\"");
        demoRow.ShouldContain("data-status=\"PendingConfiguration\">2<");
        demoRow.ShouldContain("data-calls=\"today\">3<");
        demoRow.ShouldContain("data-calls=\"30\">3<");
        html.ShouldContain("No connection is broken.");
        html.ShouldContain($"/platform/connections?tenant={TestUsers.DemoTenant}");

        var statusChart = Figure(html, "chart-status");
        statusChart.ShouldContain("role=\"img\"");
        statusChart.ShouldContain("aria-labelledby=\"chart-status-title\"");
        Bars(statusChart).ShouldBe(["Pending configuration: Connections 2"]);
        statusChart.ShouldContain(
            "<tr><th scope=\"row\">Pending configuration</th><td class=\"num\" data-label=\"Connections\">2</td></tr>"
        );
        var checks = Figure(html, "chart-checks");
        checks.ShouldContain("<th scope=\"col\">Day</th>");
        Regex.Count(checks, "<tr><th scope=\"row\">").ShouldBe(30);
        connected.ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public async Task Broken_connections_come_first_with_how_long_they_have_been_broken_and_a_link_to_their_history()
    {
        var id = await Factory.ConnectDemoAsync();
        Factory.Salesforce.Demo.Admin.ApiEnabled = false;
        try
        {
            using var admin = await SignedInAs(TestUsers.DemoAdmin);
            using var verified = await admin.SubmitAsync(
                ConnectFlow.ManageOAuth,
                ConnectFlow.ManageOAuth + "?handler=Verify",
                [new("connectionId", id.ToString())]
            );
        }
        finally
        {
            Factory.Salesforce.Demo.Admin.ApiEnabled = true;
        }

        using var platform = await SignedInAs(TestUsers.PlatformAdmin);
        var html = await platform.GetHtmlAsync("/platform");

        var row = Row(html, $"data-connection=\"{id}\"");
        row.ShouldContain("API access disabled");
        row.ShouldContain("class=\"broken-for\"");
        row.ShouldContain($"href=\"/platform/connections/{id}\"");
        var history = await platform.GetHtmlAsync($"/platform/connections/{id}");
        history.ShouldContain("Check failed (API access disabled)");
        history
            .IndexOf("Check failed", StringComparison.Ordinal)
            .ShouldBeLessThan(history.IndexOf("<strong>Authorized</strong>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tenant_admins_cannot_see_the_overview_or_the_platform_history()
    {
        var id = await Factory.ConnectDemoAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        (await admin.GetPageAsync("/platform")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.GetPageAsync($"/platform/connections/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var anonymous = Factory.NewBrowser();
        (await anonymous.GetPageAsync("/platform")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_tenant_history_page_is_linked_from_manage_oauth_and_refuses_another_tenants_connection()
    {
        var id = await Factory.ConnectDemoAsync();
        var path = $"/t/demo/settings/it-administration/oauth/connections/{id}";
        using var member = await SignedInAs(TestUsers.DemoMember);

        (await member.GetHtmlAsync(ConnectFlow.ManageOAuth)).ShouldContain($"href=\"{path}\"");
        var html = await member.GetHtmlAsync(path);
        html.ShouldContain("<h2 id=\"history-heading\">History</h2>");
        html.ShouldContain("<strong>Authorized</strong>");

        await Factory.CreateTenantAsync(ApiTesting.OtherTenant);
        using var other = await SignedInAs(ApiTesting.OtherAdmin);
        (await other.GetPageAsync($"/t/other/settings/it-administration/oauth/connections/{id}")).StatusCode.ShouldBe(
            HttpStatusCode.NotFound
        );
        (await other.GetPageAsync(path)).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    private static string Row(string html, string marker)
    {
        var start = html.IndexOf(marker, StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"{marker} is on the page");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string Figure(string html, string id)
    {
        var start = html.IndexOf($"<figure class=\"chart\" id=\"{id}\">", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        return html[start..html.IndexOf("</figure>", start, StringComparison.Ordinal)];
    }

    private static List<string> Bars(string figure) =>
        [.. BarTitle().Matches(figure).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("<rect class=\"[^\"]*\"[^>]*><title>([^<]*)</title></rect>")]
    private static partial Regex BarTitle();
}
