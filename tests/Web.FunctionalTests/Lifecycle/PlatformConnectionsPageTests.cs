using System.Net;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Lifecycle;

/// <summary>/platform/connections: platform admins act, platform auditors only look, tenant admins are not let in.</summary>
public sealed class PlatformConnectionsPageTests(NateroWebFactory factory) : LifecycleWebTest(factory)
{
    [Fact]
    public async Task Platform_admin_completes_the_configuration_with_a_note_and_the_tenant_then_sees_it_active()
    {
        using var tenantAdmin = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(tenantAdmin, Demo.Admin);
        using var platform = await SignedInAs(TestUsers.PlatformAdmin);
        var article = ConnectionOnPage(await platform.GetHtmlAsync(PlatformConnections), id);
        article.ShouldContain("data-status=\"PendingConfiguration\"");
        article.ShouldContain($"aria-label=\"Complete configuration of org {Demo.Acme.Id}\">Complete configuration</button>");

        using var response = await platform.SubmitAsync(
            PlatformConnections,
            PlatformConnections + "?handler=Complete",
            [new("connectionId", id.ToString()), new("note", "Accounts and contacts mapped")]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await platform.GetHtmlAsync(PlatformConnections);
        page.ShouldContain("<div class=\"alert success\" role=\"status\">Configuration completed: the connection is active.</div>");
        ConnectionOnPage(page, id).ShouldContain("data-status=\"Active\">Active</span>");
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Active);
        connection.ConfigurationNote.ShouldBe("Accounts and contacts mapped");
        var tenantView = ConnectionOnPage(await tenantAdmin.GetHtmlAsync(ManageOAuth), id);
        tenantView.ShouldContain("data-status=\"Active\">Active</span>");
        tenantView.ShouldContain("Working.");
    }

    [Fact]
    public async Task Platform_admin_suspends_and_resumes_and_the_tenant_sees_each_state()
    {
        using var tenantAdmin = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(tenantAdmin, Demo.Admin);
        using var platform = await SignedInAs(TestUsers.PlatformAdmin);

        using (
            var suspend = await platform.SubmitAsync(
                PlatformConnections,
                PlatformConnections + "?handler=Suspend",
                [new("connectionId", id.ToString())]
            )
        )
        {
            suspend.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await platform.GetHtmlAsync(PlatformConnections)).ShouldContain("The connection is suspended.");
        var suspended = ConnectionOnPage(await tenantAdmin.GetHtmlAsync(ManageOAuth), id);
        suspended.ShouldContain("data-status=\"Suspended\">Suspended by Natero</span>");
        suspended.ShouldNotContain("Verify now");
        suspended.ShouldNotContain("Reauthorize</button>");

        using (
            var resume = await platform.SubmitAsync(
                PlatformConnections,
                PlatformConnections + "?handler=Resume",
                [new("connectionId", id.ToString())]
            )
        )
        {
            resume.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        ConnectionOnPage(await tenantAdmin.GetHtmlAsync(ManageOAuth), id).ShouldContain("data-status=\"PendingConfiguration\"");
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);
    }

    [Fact]
    public async Task Platform_staff_filter_the_list_by_status_and_tenant()
    {
        using var tenantAdmin = await SignedInAs(TestUsers.DemoAdmin);
        var acme = await ConnectAsync(tenantAdmin, Demo.Admin);
        var globex = await ConnectAsync(tenantAdmin, Demo.GlobexAdmin);
        using var platform = await SignedInAs(TestUsers.PlatformAdmin);

        var disabled = await platform.GetHtmlAsync(PlatformConnections + "?status=ApiAccessDisabled");
        var ofDemo = await platform.GetHtmlAsync(PlatformConnections + "?tenant=demo");
        var ofNobody = await platform.GetHtmlAsync(PlatformConnections + "?tenant=nobody");

        disabled.ShouldContain($"id=\"conn-{globex}\"");
        disabled.ShouldNotContain($"id=\"conn-{acme}\"");
        ofDemo.ShouldContain($"id=\"conn-{acme}\"");
        ofDemo.ShouldContain($"id=\"conn-{globex}\"");
        ofNobody.ShouldContain("No connections match.");
    }

    [Fact]
    public async Task A1_platform_auditor_sees_every_connection_without_actions_and_a_post_is_403()
    {
        using var tenantAdmin = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(tenantAdmin, Demo.Admin);
        await CreateAuditorAsync();
        using var auditor = await SignedInAs(Auditor);

        var page = await auditor.GetHtmlAsync(PlatformConnections);

        page.ShouldContain("You can view them; acting on them needs the PlatformAdmin role.");
        var article = ConnectionOnPage(page, id);
        article.ShouldContain(Demo.Admin.Username);
        article.ShouldNotContain("Complete configuration");
        article.ShouldNotContain("handler=");
        foreach (var handler in new[] { "Complete", "Suspend", "Resume" })
        {
            using var response = await auditor.SubmitAsync(
                PlatformConnections,
                $"{PlatformConnections}?handler={handler}",
                [new("connectionId", id.ToString()), new("note", "auditor")]
            );

            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, handler);
        }

        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.PendingConfiguration);
        connection.ConfigurationNote.ShouldBeNull();
    }

    [Fact]
    public async Task A1_a_tenant_admin_gets_403_for_the_page_and_its_actions()
    {
        using var tenantAdmin = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(tenantAdmin, Demo.Admin);

        using var page = await tenantAdmin.GetPageAsync(PlatformConnections);
        using var complete = await tenantAdmin.SubmitAsync(
            ManageOAuth,
            PlatformConnections + "?handler=Complete",
            [new("connectionId", id.ToString()), new("note", "self-service")]
        );

        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        complete.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);
    }

    [Fact]
    public async Task A1_anonymous_visitors_are_sent_to_sign_in()
    {
        using var anonymous = Factory.NewBrowser();

        using var response = await anonymous.GetPageAsync(PlatformConnections);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
    }
}
