using System.Net;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Lifecycle;

/// <summary>"Verify now" and "Disconnect" on Manage OAuth, as a tenant admin uses them.</summary>
public sealed class ManageOAuthLifecycleTests(NateroWebFactory factory) : LifecycleWebTest(factory)
{
    [Fact]
    public async Task Verify_now_checks_the_connection_and_says_it_works()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(browser, Demo.Admin);
        var article = ConnectionOnPage(await browser.GetHtmlAsync(ManageOAuth), id);
        article.ShouldContain("?handler=Verify");
        article.ShouldContain($"aria-label=\"Verify now: org {Demo.Acme.Id}\">Verify now</button>");

        using var response = await browser.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Verify", [new("connectionId", id.ToString())]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain("<div class=\"alert success\" role=\"status\">Verified: the connection works and API access is enabled.</div>");
        ConnectionOnPage(page, id).ShouldContain("Last verified");
        Factory.Salesforce.RequestLog.Count(r => r.Path == ProbePath).ShouldBe(1);
        (await ConnectionAsync(id)).LastVerifiedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Verify_now_after_the_org_lost_api_access_warns_and_shows_how_to_fix_it()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(browser, Demo.Admin);
        Demo.Acme.ApiEnabled = false;
        try
        {
            using var response = await browser.SubmitAsync(
                ManageOAuth,
                ManageOAuth + "?handler=Verify",
                [new("connectionId", id.ToString())]
            );

            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var page = await browser.GetHtmlAsync(ManageOAuth);
            page.ShouldContain(
                "<div class=\"alert warning\" role=\"status\">Salesforce says API access "
                    + "is not enabled for this org or this user (API_DISABLED_FOR_ORG)."
            );
            var article = ConnectionOnPage(page, id);
            article.ShouldContain("data-status=\"ApiAccessDisabled\">API access disabled</span>");
            article.ShouldContain("How to fix API access");
        }
        finally
        {
            Demo.Acme.ApiEnabled = true;
        }

        using var again = await browser.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Verify", [new("connectionId", id.ToString())]);

        ConnectionOnPage(await browser.GetHtmlAsync(ManageOAuth), id).ShouldContain("data-status=\"PendingConfiguration\"");
    }

    [Fact]
    public async Task Disconnect_asks_for_confirmation_then_revokes_and_shows_the_connection_as_disconnected()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(browser, Demo.Admin);
        var refreshToken = await StoredRefreshTokenAsync(id);
        var article = ConnectionOnPage(await browser.GetHtmlAsync(ManageOAuth), id);
        article.ShouldContain("<summary class=\"danger-link\">Disconnect…</summary>");
        article.ShouldContain("Natero will revoke its access at Salesforce and erase the tokens.");
        article.ShouldContain($"aria-label=\"Yes, disconnect org {Demo.Acme.Id}\">Yes, disconnect</button>");

        using var response = await browser.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Disconnect",
            [new("connectionId", id.ToString())]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain(
            "<div class=\"alert success\" role=\"status\">Disconnected. Natero "
                + "revoked its access at Salesforce and erased the tokens.</div>"
        );
        var after = ConnectionOnPage(page, id);
        after.ShouldContain("data-status=\"Disconnected\">Disconnected</span>");
        after.ShouldNotContain("Verify now");
        after.ShouldNotContain("Yes, disconnect");
        after.ShouldContain(">Reauthorize</button>");
        RevokeCalls.ShouldBe(1);
        Factory.Salesforce.IsTokenActive(refreshToken!).ShouldBeFalse();
        var connection = await ConnectionAsync(id);
        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.AccessTokenCiphertext.ShouldBeNull();
        connection.RefreshTokenCiphertext.ShouldBeNull();
        (await AuditEventsAsync("connection.disconnected")).ShouldHaveSingleItem().ActorName.ShouldBe(TestUsers.DemoAdmin);
    }

    [Fact]
    public async Task Disconnect_while_salesforce_is_down_erases_the_tokens_and_warns_to_revoke_there_too()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var id = await ConnectAsync(browser, Demo.Admin);
        Factory.Salesforce.Faults.Inject(EmulatorEndpoint.Revoke, Fault.ServerError(), times: null);

        using var response = await browser.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Disconnect",
            [new("connectionId", id.ToString())]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain(
            "<div class=\"alert warning\" role=\"status\">Disconnected and the tokens were erased, but revoking them at the provider failed"
        );
        ConnectionOnPage(page, id).ShouldContain("data-status=\"Disconnected\"");
        var connection = await ConnectionAsync(id);
        connection.AccessTokenCiphertext.ShouldBeNull();
        connection.RefreshTokenCiphertext.ShouldBeNull();
        connection.LastErrorCode.ShouldBe("revoke_failed");
    }

    [Fact]
    public async Task A1_a_member_with_view_only_sees_no_verify_or_disconnect_and_posting_them_is_403()
    {
        Guid id;
        using (var admin = await SignedInAs(TestUsers.DemoAdmin))
        {
            id = await ConnectAsync(admin, Demo.Admin);
        }

        using var member = await SignedInAs(TestUsers.DemoMember);
        var article = ConnectionOnPage(await member.GetHtmlAsync(ManageOAuth), id);
        article.ShouldNotContain("Verify now");
        article.ShouldNotContain("Yes, disconnect");

        using var verify = await member.SubmitAsync(ManageOAuth, ManageOAuth + "?handler=Verify", [new("connectionId", id.ToString())]);
        using var disconnect = await member.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Disconnect",
            [new("connectionId", id.ToString())]
        );

        verify.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        disconnect.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        Factory.Salesforce.RequestLog.ShouldBeEmpty();
        (await ConnectionAsync(id)).Status.ShouldBe(ConnectionStatus.PendingConfiguration);
    }

    [Fact]
    public async Task A1_disconnecting_a_connection_that_does_not_exist_is_404()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(
            ManageOAuth,
            ManageOAuth + "?handler=Disconnect",
            [new("connectionId", Guid.NewGuid().ToString())]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        RevokeCalls.ShouldBe(0);
    }
}
