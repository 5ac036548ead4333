using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Mounting;

/// <summary>
/// Issue 15, option B: people sign in to the host; the plugin maps the host's principal to an account of its own
/// (by the host's subject), keeps tenant membership and permissions as its own data, takes platform roles from the
/// host's roles through configuration, and maps none of its own sign-in, password, invitation or security pages.
/// </summary>
public sealed class HostUsersTests(HostWithOwnSignIn host) : IClassFixture<HostWithOwnSignIn>
{
    private const string Prefix = MountedHost.Prefix;
    private const string ManageOAuth = Prefix + "/t/demo/settings/it-administration/oauth";

    [Fact]
    public async Task A_request_without_a_host_sign_in_gets_the_hosts_challenge()
    {
        var (browser, _) = host.NewBrowser();
        using var _ = browser;

        using var response = await browser.GetPageAsync(ManageOAuth);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe($"/login?ReturnUrl={Uri.EscapeDataString(ManageOAuth)}");
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/change-password")]
    [InlineData("/account/invitation/some-token")]
    [InlineData("/account/security")]
    [InlineData("/account/sign-in/two-factor")]
    public async Task The_plugins_own_account_pages_are_not_mapped(string path)
    {
        var (browser, _) = host.NewBrowser();
        using var _ = browser;
        await SignInAtHostAsync(browser, "host-admin-1", TestUsers.DemoAdmin);

        using var response = await browser.GetPageAsync(Prefix + path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_host_user_with_the_email_of_a_plugin_account_is_linked_to_it_and_keeps_its_tenants_and_permissions()
    {
        var (browser, _) = host.NewBrowser();
        using var _ = browser;
        await SignInAtHostAsync(browser, "host-admin-2", TestUsers.DemoAdmin);

        var html = await browser.GetHtmlAsync(ManageOAuth);

        html.ShouldContain("Manage OAuth");
        html.ShouldNotContain(">Sign out<");
        html.ShouldNotContain("/account/security");
        var linked = await AuditAsync("account.host_linked");
        linked.ShouldContain(e => e.Target != null && e.Data!.Contains(TestUsers.DemoAdmin));
    }

    [Fact]
    public async Task The_account_follows_the_hosts_subject_not_the_email()
    {
        var (first, _) = host.NewBrowser();
        using var __ = first;
        await SignInAtHostAsync(first, "host-member-3", TestUsers.DemoMember);
        (await first.GetHtmlAsync(Prefix + "/t/demo")).ShouldContain("Settings");

        var (renamed, _) = host.NewBrowser();
        using var ___ = renamed;
        await SignInAtHostAsync(renamed, "host-member-3", "renamed-member@elsewhere.example");

        (await renamed.GetHtmlAsync(Prefix + "/t/demo")).ShouldContain("Settings", customMessage: "the same account, still a member");
        (await AccountsWithEmailAsync("renamed-member@elsewhere.example")).ShouldBe(0);
    }

    [Fact]
    public async Task A_host_user_the_plugin_does_not_know_gets_an_account_without_tenants()
    {
        var (browser, _) = host.NewBrowser();
        using var _ = browser;
        await SignInAtHostAsync(browser, "host-newcomer-4", "newcomer4@elsewhere.example", "Newcomer Four");

        using var tenant = await browser.GetPageAsync(Prefix + "/t/demo");
        tenant.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetHtmlAsync(Prefix)).ShouldContain("newcomer4@elsewhere.example");
        (await AccountsWithEmailAsync("newcomer4@elsewhere.example")).ShouldBe(1);
        (await AuditAsync("account.created")).ShouldContain(e => e.Data!.Contains("newcomer4@elsewhere.example"));
    }

    [Fact]
    public async Task An_invitation_by_email_is_accepted_by_arriving_from_the_host_with_that_email()
    {
        var (admin, _) = host.NewBrowser();
        using var __ = admin;
        await SignInAtHostAsync(admin, "host-admin-5", TestUsers.DemoAdmin);
        const string users = Prefix + "/t/demo/settings/users";
        using (
            var invited = await admin.SubmitAsync(
                users,
                users + "?handler=Invite",
                [new("NewMember.Email", "invited5@elsewhere.example"), new("NewMember.Permissions", Permissions.DataConnectors.View)]
            )
        )
        {
            invited.StatusCode.ShouldBe(HttpStatusCode.Redirect, await invited.Content.ReadAsStringAsync());
        }

        var (invitee, _) = host.NewBrowser();
        using var ___ = invitee;
        await SignInAtHostAsync(invitee, "host-invitee-5", "invited5@elsewhere.example");

        (await invitee.GetHtmlAsync(ManageOAuth)).ShouldContain("Manage OAuth");
    }

    [Fact]
    public async Task Platform_roles_come_from_the_hosts_roles_through_configuration()
    {
        var (staff, _) = host.NewBrowser();
        using var __ = staff;
        await SignInAtHostAsync(staff, "host-staff-6", "staff6@natero.example", role: HostWithOwnSignIn.StaffRole);
        (await staff.GetHtmlAsync(Prefix + "/platform/connections")).ShouldContain("Connections");

        var (other, _) = host.NewBrowser();
        using var ___ = other;
        await SignInAtHostAsync(other, "host-other-6", "other6@natero.example", role: "reports-reader");
        using var refused = await other.GetPageAsync(Prefix + "/platform/connections");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task SignInAtHostAsync(Browser browser, string subject, string email, string? name = null, string? role = null)
    {
        var form = new List<KeyValuePair<string, string>> { new("sub", subject), new("email", email), new("name", name ?? email) };
        if (role is not null)
        {
            form.Add(new("role", role));
        }

        using var response = await browser.Client.PostAsync("/login", new FormUrlEncodedContent(form));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<List<Domain.Audit.AuditEvent>> AuditAsync(string action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.AuditEvents.IgnoreQueryFilters().Where(e => e.Action == action).ToListAsync();
    }

    private async Task<int> AccountsWithEmailAsync(string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var normalized = email.ToUpperInvariant();
        return await db.Users.CountAsync(u => u.NormalizedEmail == normalized);
    }
}
