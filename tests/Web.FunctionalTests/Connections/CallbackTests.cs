using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.SalesforceEmulator;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Connections;

public sealed partial class CallbackTests(NateroWebFactory factory) : ConnectionsWebTest(factory)
{
    private const string ScriptTag = "<script>alert(1)</script>";

    [Fact]
    public async Task S9_deny_at_salesforce_comes_back_with_you_chose_deny_no_token_call_and_no_connection()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var callback = await DenyAtSalesforceAsync(browser);
        callback.ShouldContain("error=access_denied");

        using var response = await browser.GetPageAsync(callback);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);
        var page = await browser.GetHtmlAsync(ManageOAuth);
        page.ShouldContain(
            "<div class=\"alert error\" role=\"status\">You chose Deny on the Salesforce page, so nothing was connected.</div>"
        );
        page.ShouldContain("No connections yet.");
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        var attempt = (await PendingAuthorizationsAsync()).Single();
        attempt.ConsumedAt.ShouldNotBeNull();
        attempt.Outcome.ShouldBe(AuthorizationOutcome.Denied);
    }

    [Fact]
    public async Task S9_access_denied_with_markup_in_its_description_leaves_no_markup_on_any_later_page()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var pages = await ErrorCallbackPagesAsync(browser, "access_denied");

        pages[1].ShouldContain("You chose Deny on the Salesforce page");
        pages.ShouldAllBe(html => !html.Contains(ScriptTag) && !InjectedScript().IsMatch(html));
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task S9_another_provider_error_shows_its_description_html_encoded()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var pages = await ErrorCallbackPagesAsync(browser, "invalid_request");

        pages[1]
            .ShouldContain(
                "<div class=\"alert error\" role=\"status\">Salesforce refused the "
                    + "authorization (invalid_request: &lt;script&gt;alert(1)&lt;/script&gt;).</div>"
            );
        pages.ShouldAllBe(html => !html.Contains(ScriptTag) && !InjectedScript().IsMatch(html));
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task S1_a_replayed_callback_gets_a_400_page_saying_it_was_already_used_and_changes_nothing()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var callback = await CallbackFromSalesforceAsync(browser);
        using (var first = await browser.GetPageAsync(callback))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var connectionBefore = (await ConnectionsAsync()).Single();
        var attemptBefore = (await PendingAuthorizationsAsync()).Single();

        using var replay = await browser.GetPageAsync(callback);

        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        replay.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await replay.Content.ReadAsStringAsync()).ShouldContain("This sign-in link has already been used. Start again from Manage OAuth.");
        TokenCalls.ShouldBe(1);
        var connectionAfter = (await ConnectionsAsync()).Single();
        connectionAfter.Version.ShouldBe(connectionBefore.Version);
        connectionAfter.AccessTokenCiphertext.ShouldBe(connectionBefore.AccessTokenCiphertext);
        (await PendingAuthorizationsAsync()).Single().ConsumedAt.ShouldBe(attemptBefore.ConsumedAt);
        (await AuditEventsAsync("connection.callback_rejected"))
            .Single()
            .Reason.ShouldBe("This sign-in link has already been used. Start again from Manage OAuth.");
    }

    [Fact]
    public async Task S1_a_replayed_callback_asking_for_json_gets_a_400_problem()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var callback = await CallbackFromSalesforceAsync(browser);
        (await browser.GetPageAsync(callback)).Dispose();

        using var replay = await GetAcceptingJsonAsync(browser, callback);

        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        replay.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await replay.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        problem!["status"].ToString().ShouldBe("400");
        problem["detail"].ToString()!.ShouldContain("already been used");
        problem["instance"].ToString().ShouldBe("/oauth/callback/salesforce");
        TokenCalls.ShouldBe(1);
    }

    [Fact]
    public async Task S2_a_callback_without_the_binding_cookie_gets_400_and_leaves_the_attempt_to_its_own_browser()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var callback = await CallbackFromSalesforceAsync(browser);
        using var otherBrowser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await otherBrowser.GetPageAsync(callback);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("This sign-in was started in another browser.");
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await AuditEventsAsync("connection.callback_rejected")).Count.ShouldBe(1);
        using var own = await browser.GetPageAsync(callback);
        own.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        own.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);
    }

    [Fact]
    public async Task S2_a_callback_brought_by_another_user_of_the_same_tenant_gets_400()
    {
        await GrantMemberConfigureAsync();
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var callback = await CallbackFromSalesforceAsync(browser);
        await SwitchUserAsync(browser, TestUsers.DemoMember);

        using var response = await browser.GetPageAsync(callback);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("This sign-in was started by another Natero user.");
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await PendingAuthorizationsAsync()).Single().ConsumedAt.ShouldBeNull();
    }

    [Fact]
    public async Task S2_a_callback_brought_by_the_admin_of_another_tenant_gets_400()
    {
        await CreateOtherTenantAsync();
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var callback = await CallbackFromSalesforceAsync(browser);
        await SwitchUserAsync(browser, OtherTenantAdmin);

        using var response = await browser.GetPageAsync(callback);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("This sign-in was started by another Natero user.");
        html.ShouldNotContain(SalesforceAdmin.Username);
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task S3_a_state_with_one_character_changed_gets_400()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var callback = await CallbackFromSalesforceAsync(browser);
        var state = QueryValue(callback, "state");
        var altered = (state[0] == 'A' ? 'B' : 'A') + state[1..];

        using var response = await browser.GetPageAsync(WithQueryValue(callback, "state", altered));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("This sign-in link is not one Natero started, or it was altered.");
        TokenCalls.ShouldBe(0);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await PendingAuthorizationsAsync()).Single().ConsumedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A1_a_callback_when_not_signed_in_goes_to_sign_in_and_the_code_is_not_exchanged()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var callback = await CallbackFromSalesforceAsync(browser);
        (await browser.SubmitAsync(ManageOAuth, "/account/sign-out", [])).Dispose();

        using var response = await browser.GetPageAsync(callback);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/sign-in");
        TokenCalls.ShouldBe(0);
        Factory.Salesforce.RequestLog.ShouldNotContain(r => r.Path == TokenPath);
        (await ConnectionsAsync()).ShouldBeEmpty();
        (await PendingAuthorizationsAsync()).Single().ConsumedAt.ShouldBeNull();
    }

    /// <summary>
    /// The emulator remembers an earlier Allow, so it is told to ask again, as Salesforce does with <c>prompt=consent</c>.
    /// </summary>
    private async Task<string> DenyAtSalesforceAsync(Browser browser)
    {
        Factory.Salesforce.Settings.AlwaysAskForConsent = true;
        try
        {
            return await CallbackFromSalesforceAsync(browser, decision: ConsentDecision.Deny);
        }
        finally
        {
            Factory.Salesforce.Settings.AlwaysAskForConsent = false;
        }
    }

    /// <summary>
    /// Sends the callback for a real attempt with <paramref name="error"/> and a script as its description, without
    /// going to Salesforce; returns the callback's body, Manage OAuth with the banner, the replay's 400 page and Manage OAuth again.
    /// </summary>
    private static async Task<string[]> ErrorCallbackPagesAsync(Browser browser, string error)
    {
        var authorizationUrl = await ConnectFlow.StartAsync(browser);
        var callback = QueryHelpers.AddQueryString(
            "/oauth/callback/salesforce",
            new Dictionary<string, string?>
            {
                ["error"] = error,
                ["error_description"] = ScriptTag,
                ["state"] = ConnectFlow.Query(authorizationUrl, "state"),
            }
        );

        using var response = await browser.GetPageAsync(callback);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(ManageOAuth);
        var banner = await browser.GetHtmlAsync(ManageOAuth);
        using var replay = await browser.GetPageAsync(callback);
        replay.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        return
        [
            await response.Content.ReadAsStringAsync(),
            banner,
            await replay.Content.ReadAsStringAsync(),
            await browser.GetHtmlAsync(ManageOAuth),
        ];
    }

    /// <summary>A script element other than the page's own scripts, which are files under /js/.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("<script(?! src=\"/js/)")]
    private static partial System.Text.RegularExpressions.Regex InjectedScript();
}
