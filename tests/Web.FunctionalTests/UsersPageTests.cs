using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests;

public sealed class UsersPageTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string UsersPage = "/t/demo/settings/users";

    [Fact]
    public async Task Admin_sees_members_and_the_configure_data_connectors_permission()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        var html = await browser.GetHtmlAsync(UsersPage);

        html.ShouldContain(TestUsers.DemoMember);
        html.ShouldContain("Configure data connectors");
    }

    [Fact]
    public async Task Admin_grants_a_member_a_permission_through_the_form()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var html = await browser.GetHtmlAsync(UsersPage);
        var membershipId = MembershipIdOf(html, TestUsers.DemoMember);

        using var response = await browser.SubmitAsync(
            UsersPage,
            UsersPage + "?handler=Permissions",
            [
                new("membershipId", membershipId),
                new("permissions", Permissions.DataConnectors.View),
                new("permissions", Permissions.DataConnectors.Configure),
            ]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await browser.GetHtmlAsync(UsersPage);
        after.ShouldContain("Granted: Configure data connectors.");
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var membershipId = MembershipIdOf(await browser.GetHtmlAsync(UsersPage), TestUsers.DemoMember);

        using var content = new FormUrlEncodedContent([new("membershipId", membershipId), new("permissions", Permissions.Users.Manage)]);
        using var response = await browser.Client.PostAsync(UsersPage + "?handler=Permissions", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetHtmlAsync(UsersPage)).ShouldNotContain("Granted");
    }

    [Fact]
    public async Task Inviting_a_new_person_emails_them_a_link_and_shows_the_admin_neither_link_nor_password()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(
            UsersPage,
            UsersPage + "?handler=Invite",
            [new("NewMember.Email", "newcomer@demo.test"), new("NewMember.Permissions", Permissions.DataConnectors.View)]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var html = await browser.GetHtmlAsync(UsersPage);
        html.ShouldContain("An invitation was emailed to newcomer@demo.test");
        html.ShouldContain("data-invitation=\"newcomer@demo.test\"");
        var email = await QueuedEmails.LastTo(Factory.Services, "newcomer@demo.test");
        html.ShouldNotContain(email.InvitationToken());
        html.ShouldNotContain("class=\"secret\"");
    }

    [Fact]
    public async Task The_invited_person_sets_a_password_through_the_link_and_joins_with_the_invited_permissions()
    {
        using (var admin = await SignedInAs(TestUsers.DemoAdmin))
        {
            using var invited = await admin.SubmitAsync(
                UsersPage,
                UsersPage + "?handler=Invite",
                [new("NewMember.Email", "newcomer@demo.test"), new("NewMember.Permissions", Permissions.DataConnectors.View)]
            );
            invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        await Factory.AcceptInvitationAsync("newcomer@demo.test");

        using var newcomer = await SignedInAs("newcomer@demo.test");
        (await newcomer.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var admin2 = await SignedInAs(TestUsers.DemoAdmin);
        var html = await admin2.GetHtmlAsync(UsersPage);
        html.ShouldContain("data-member=\"newcomer@demo.test\"");
        html.ShouldNotContain("data-invitation=\"newcomer@demo.test\"");
    }

    [Fact]
    public async Task S16_the_page_refuses_a_change_of_ones_own_permissions_and_a_grant_one_does_not_hold()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var html = await admin.GetHtmlAsync(UsersPage);
        var own = MembershipIdOf(html, TestUsers.DemoAdmin);

        using var self = await admin.SubmitAsync(
            UsersPage,
            UsersPage + "?handler=Permissions",
            [new("membershipId", own), new("permissions", Permissions.DataConnectors.View)]
        );

        self.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await self.Content.ReadAsStringAsync()).ShouldContain("You cannot change your own permissions.");
        html.ShouldContain("title=\"You cannot change your own permissions\"");

        using var grant = await admin.SubmitAsync(
            UsersPage,
            UsersPage + "?handler=Permissions",
            [new("membershipId", MembershipIdOf(html, TestUsers.DemoMember)), new("permissions", Permissions.Users.Manage)]
        );
        grant.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var manager = await SignedInAs(TestUsers.DemoMember);
        var managerHtml = await manager.GetHtmlAsync(UsersPage);
        using var escalate = await manager.SubmitAsync(
            UsersPage,
            UsersPage + "?handler=Permissions",
            [new("membershipId", MembershipIdOf(managerHtml, TestUsers.DemoAdmin)), new("permissions", Permissions.DataConnectors.View)]
        );

        (await escalate.Content.ReadAsStringAsync()).ShouldContain("You can only grant or revoke permissions you hold yourself");
        managerHtml.ShouldContain("title=\"You do not hold this permission\"");
    }

    [Fact]
    public async Task An_invalid_email_is_shown_next_to_the_field()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.SubmitAsync(UsersPage, UsersPage + "?handler=Invite", [new("NewMember.Email", "not an email")]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Enter a valid email address.");
    }

    [Fact]
    public async Task Member_without_manage_users_gets_403_naming_the_permission()
    {
        using var browser = await SignedInAs(TestUsers.DemoMember);

        using var response = await browser.GetPageAsync(UsersPage);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("You need the &quot;Manage users&quot; permission");
    }

    [Fact]
    public async Task Admin_of_another_tenant_gets_404_and_no_member_data()
    {
        await CreateOtherTenantAsync();
        using var browser = await SignedInAs("admin@other.test");

        using var page = await browser.GetPageAsync(UsersPage);
        using var home = await browser.GetPageAsync("/t/demo");

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        home.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldNotContain(TestUsers.DemoMember);
    }

    [Fact]
    public async Task Admin_of_another_tenant_cannot_post_to_its_users_page()
    {
        await CreateOtherTenantAsync();
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var membershipId = MembershipIdOf(await admin.GetHtmlAsync(UsersPage), TestUsers.DemoMember);
        using var intruder = await SignedInAs("admin@other.test");

        using var response = await intruder.SubmitAsync(
            "/t/other/settings/users",
            UsersPage + "?handler=Permissions",
            [new("membershipId", membershipId), new("permissions", Permissions.Users.Manage)]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetHtmlAsync(UsersPage)).ShouldNotContain("Granted");
    }

    [Fact]
    public async Task An_unknown_tenant_is_404()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await browser.GetPageAsync("/t/no-such-tenant/settings/users");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task CreateOtherTenantAsync()
    {
        using var platform = await SignedInAs(TestUsers.PlatformAdmin);
        using var response = await platform.SubmitAsync(
            "/platform/tenants",
            "/platform/tenants",
            [new("Input.Name", "Other"), new("Input.Slug", "other"), new("Input.AdminEmail", "admin@other.test")]
        );
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Factory.AcceptInvitationAsync("admin@other.test");
    }

    internal static string MembershipIdOf(string html, string email)
    {
        var row = html[html.IndexOf($"data-member=\"{email}\"", StringComparison.Ordinal)..];
        return System.Text.RegularExpressions.Regex.Match(row, "name=\"membershipId\" value=\"([0-9a-f-]+)\"").Groups[1].Value;
    }
}
