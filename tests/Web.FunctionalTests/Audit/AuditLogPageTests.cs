using System.Net;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Audit.AuditWebTesting;

namespace Natero.Connectors.Web.FunctionalTests.Audit;

/// <summary>The audit log pages: what they list, how they filter and page, and how they answer values they cannot read.</summary>
public sealed class AuditLogPageTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string UsersPage = "/t/demo/settings/users";

    [Fact]
    public async Task The_tenant_page_lists_what_was_done_in_the_tenant_through_the_pages()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var membershipId = UsersPageTests.MembershipIdOf(await admin.GetHtmlAsync(UsersPage), TestUsers.DemoMember);
        using (
            var granted = await admin.SubmitAsync(
                UsersPage,
                UsersPage + "?handler=Permissions",
                [
                    new("membershipId", membershipId),
                    new("permissions", Permissions.DataConnectors.View),
                    new("permissions", Permissions.Audit.View),
                ]
            )
        )
        {
            granted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var html = await admin.GetHtmlAsync(DemoLog);

        var row = Rows(html).ShouldHaveSingleItem();
        row.Action.ShouldBe("member.permissions_changed");
        row.Html.ShouldContain(TestUsers.DemoAdmin);
        row.Html.ShouldContain($"membership:{membershipId}");
        row.Html.ShouldContain("Succeeded");
        html.ShouldContain("Settings › IT Administration");
    }

    [Fact]
    public async Task The_tenant_page_never_lists_another_tenant_or_the_platform()
    {
        using (var platform = await SignedInAs(TestUsers.PlatformAdmin))
        {
            await Factory.CreateTenantAsync(platform, "other");
        }

        using (var otherAdmin = await SignedInAs("admin@other.test"))
        {
            using var added = await otherAdmin.SubmitAsync(
                "/t/other/settings/users",
                "/t/other/settings/users?handler=Invite",
                [new("NewMember.Email", "someone@other.test"), new("NewMember.Permissions", Permissions.DataConnectors.View)]
            );
            added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        var own = await Factory.RecordAsync(demoId, "member.removed", "membership:1");
        var events = await Factory.EventsAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var shown = await admin.WalkAsync(DemoLog);
        var searchedForOthers = await admin.WalkAsync(DemoLog + "?tenant=other&action=*");

        shown.Select(r => r.Id).ShouldBe([own.Id]);
        searchedForOthers.Select(r => r.Id).ShouldBe([own.Id]);
        events
            .Count(e => e.TenantId != demoId)
            .ShouldBeGreaterThanOrEqualTo(2, "the other tenant's member and the platform's tenant.created");
        var html = await admin.GetHtmlAsync(DemoLog);
        foreach (var e in events.Where(e => e.TenantId != demoId))
        {
            html.ShouldNotContain(e.Id.ToString());
        }

        html.ShouldNotContain("someone@other.test");
        html.ShouldNotContain("id=\"tenant\"", Case.Sensitive, "the tenant page offers no tenant filter");
    }

    [Fact]
    public async Task The_platform_page_lists_every_tenant_and_filters_by_tenant_slug()
    {
        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        var demo = await Factory.RecordAsync(demoId, "member.added");
        var platformEvent = await Factory.RecordAsync(null, "platform.token_keys_rotated");
        using var auditor = await SignedIn();

        var all = (await auditor.WalkAsync(PlatformLog))
            .Where(r => !r.Html.Contains(AuditWebTesting.SignedIn, StringComparison.Ordinal))
            .ToList();
        var demoOnly = await auditor.WalkAsync(PlatformLog + "?tenant=demo");
        var unknown = await auditor.GetHtmlAsync(PlatformLog + "?tenant=no-such-tenant");

        all.Select(r => r.Id).ShouldBe([platformEvent.Id, demo.Id], ignoreOrder: true);
        all.Single(r => r.Id == platformEvent.Id).Html.ShouldContain("<td data-label=\"Tenant\">platform</td>");
        all.Single(r => r.Id == demo.Id).Html.ShouldContain("<td data-label=\"Tenant\">demo</td>");
        demoOnly.Select(r => r.Id).ShouldBe([demo.Id]);
        Rows(unknown).ShouldBeEmpty();
        unknown.ShouldContain("No events match.");
    }

    [Theory]
    [InlineData("action=member.*", "member.")]
    [InlineData("action=member.removed", "member.removed")]
    [InlineData("outcome=Denied", "access.denied")]
    [InlineData("target=connection:*", "connection.")]
    [InlineData("actor=system&outcome=Failure", "connection.refresh_failed")]
    public async Task The_query_string_filters_the_tenant_page(string query, string expectedActionPrefix)
    {
        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        await Factory.RecordAsync(demoId, "member.added", "membership:1");
        await Factory.RecordAsync(demoId, "member.removed", "membership:2");
        await Factory.RecordAsync(
            demoId,
            "access.denied",
            null,
            AuditOutcome.Denied,
            "You need the \"Manage users\" permission in this tenant."
        );
        await Factory.RecordAsync(demoId, "connection.refresh_failed", "connection:1", AuditOutcome.Failure, "invalid_grant");
        await Factory.RecordAsync(demoId, "connection.disconnected", "connection:1");
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var html = await admin.GetHtmlAsync($"{DemoLog}?{query}");

        var rows = Rows(html);
        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(r => r.Action.StartsWith(expectedActionPrefix, StringComparison.Ordinal));
        rows.Count.ShouldBe(expectedActionPrefix.EndsWith('.') ? 2 : 1);
    }

    [Fact]
    public async Task The_form_shows_the_filter_it_applied()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var html = await admin.GetHtmlAsync(
            $"{DemoLog}?actor=someone%40demo.test&action=member.*&target=membership%3A1&outcome=Failure"
                + "&from=2026-01-01T10:00&to=2026-01-02T11:30"
        );

        html.ShouldContain("value=\"someone@demo.test\"");
        html.ShouldContain("value=\"member.*\"");
        html.ShouldContain("value=\"membership:1\"");
        html.ShouldContain("<option value=\"Failure\" selected=\"selected\">");
        html.ShouldContain("value=\"2026-01-01T10:00\"");
        html.ShouldContain("value=\"2026-01-02T11:30\"");
    }

    [Fact]
    public async Task Older_events_pages_through_everything_once_and_keeps_the_filter()
    {
        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        for (var i = 0; i < 57; i++)
        {
            await Factory.RecordAsync(demoId, i % 2 == 0 ? "member.added" : "connection.disconnected", $"item:{i}");
        }

        var expected = (await Factory.EventsAsync())
            .Where(e => e.TenantId == demoId)
            .OrderByDescending(e => e.OccurredAt)
            .ThenByDescending(e => e.Id)
            .Select(e => e.Id)
            .ToList();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var first = await admin.GetHtmlAsync(DemoLog);
        var next = NextLink(first).ShouldNotBeNull();
        var second = await admin.GetHtmlAsync(next);
        var filtered = await admin.WalkAsync(DemoLog + "?action=member.*");

        Rows(first).Count.ShouldBe(50);
        first.ShouldNotContain(">Newest</a>");
        next.ShouldStartWith(DemoLog + "?cursor=");
        Rows(second).Count.ShouldBe(7);
        NextLink(second).ShouldBeNull();
        second.ShouldContain($"<a href=\"{DemoLog}\">Newest</a>");
        Rows(first).Concat(Rows(second)).Select(r => r.Id).ShouldBe(expected);
        filtered.Count.ShouldBe(29);
        filtered.ShouldAllBe(r => r.Action == "member.added");
    }

    [Fact]
    public async Task The_older_events_and_export_links_keep_a_time_filter_to_the_second()
    {
        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        for (var i = 0; i < 51; i++)
        {
            await Factory.RecordAsync(demoId, "member.added", $"item:{i}");
        }

        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        // Seconds are valid in a datetime-local value; a link that drops them searches another range on the next page.
        var html = await admin.GetHtmlAsync(DemoLog + "?from=2020-01-01T10:00:30&to=2099-12-31T23:59:59");

        Rows(html).Count.ShouldBe(50);
        var next = NextLink(html).ShouldNotBeNull();
        next.ShouldContain("from=2020-01-01T10%3A00%3A30");
        next.ShouldContain("to=2099-12-31T23%3A59%3A59");
        html.ShouldContain("?from=2020-01-01T10%3A00%3A30&amp;to=2099-12-31T23%3A59%3A59&amp;handler=export");
    }

    [Fact]
    public async Task An_unreadable_outcome_is_named_on_the_page_without_a_server_error()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await admin.GetPageAsync(DemoLog + "?outcome=bogus");

        var html = await ShouldBeExplainedAsync(response);
        html.ShouldContain("bogus");
    }

    [Theory]
    [InlineData("cursor=garbage", "This page link is not valid any more. Start again from the first page.")]
    [InlineData("cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "This page link is not valid any more.")]
    [InlineData("from=2026-01-02T00:00&to=2026-01-01T00:00", "The end of the time range must be after its start.")]
    [InlineData("from=yesterday", "yesterday")]
    public async Task A_filter_the_search_refuses_is_explained_on_the_page(string query, string words)
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await admin.GetPageAsync($"{DemoLog}?{query}");

        (await ShouldBeExplainedAsync(response)).ShouldContain(WebUtility.HtmlEncode(words));
    }

    [Fact]
    public async Task An_overlong_filter_is_explained_on_the_page()
    {
        using var auditor = await SignedIn();

        using var response = await auditor.GetPageAsync($"{PlatformLog}?actor={new string('a', 300)}");

        (await ShouldBeExplainedAsync(response)).ShouldContain("256 characters or fewer");
    }

    [Theory]
    [InlineData("outcome=bogus")]
    [InlineData("from=2026-01-02T00:00&to=2026-01-01T00:00")]
    [InlineData("from=yesterday")]
    public async Task An_export_with_a_filter_it_cannot_use_shows_the_page_with_the_reason_instead_of_a_file(string query)
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await admin.GetPageAsync($"{DemoLog}?handler=export&{query}");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        await ShouldBeExplainedAsync(response);
        (await Factory.EventsAsync()).ShouldNotContain(e => e.Action == "audit.exported");
    }

    [Fact]
    public async Task Markup_recorded_in_an_event_is_shown_as_text()
    {
        var demoId = await Factory.TenantIdAsync(TestUsers.DemoTenant);
        await Factory.RecordAsync(
            demoId,
            "member.added",
            "<img src=x onerror=alert(1)>",
            AuditOutcome.Failure,
            "<script>alert('x')</script>"
        );
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        var html = await admin.GetHtmlAsync(DemoLog);

        html.ShouldNotContain("<script>alert");
        html.ShouldNotContain("<img src=x");
        html.ShouldContain("&lt;script&gt;");
    }

    private async Task<Browser> SignedIn()
    {
        await Factory.CreateAuditorAsync();
        return await SignedInAs(AuditorEmail);
    }

    /// <summary>The page came back with words for the person, not a server error or its insides; returns the page.</summary>
    private static async Task<string> ShouldBeExplainedAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest }.ShouldContain(response.StatusCode, html.Length > 2000 ? html[..2000] : html);
        html.ShouldContain("validation-summary-errors");
        ShouldShowNoInternals(html);
        return html;
    }
}
