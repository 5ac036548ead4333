using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Infrastructure.Persistence;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Web.FunctionalTests.Notifications;

/// <summary>A person switches the emails about connections off on their own notifications page; staff also see the digest.</summary>
public sealed class NotificationsPageTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Page = "/account/notifications";

    [Fact]
    public async Task Signing_in_is_needed_to_see_the_page()
    {
        using var browser = Factory.NewBrowser();

        using var response = await browser.GetPageAsync(Page);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe("/account/sign-in?returnUrl=%2Faccount%2Fnotifications");
    }

    [Fact]
    public async Task A_member_switches_connection_emails_off_and_the_choice_is_saved_and_shown()
    {
        using var browser = await SignedInAs(TestUsers.DemoAdmin);
        var before = await browser.GetHtmlAsync(Page);
        before.ShouldContain("Email me when a connection stops working, and when it works again");
        before.ShouldContain("checked=\"checked\"");
        before.ShouldNotContain("daily digest");
        (await browser.GetHtmlAsync("/t/demo")).ShouldContain($"href=\"{Page}\"");

        using var response = await browser.SubmitAsync(Page, Page, [new("ConnectionEmails", "false"), new("DailyDigest", "false")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await PreferencesOfAsync(TestUsers.DemoAdmin);
        saved.ShouldNotBeNull();
        saved.ConnectionEmails.ShouldBeFalse();
        saved.DailyDigest.ShouldBeFalse();
        var after = await browser.GetHtmlAsync(Page);
        after.ShouldContain("Your notification settings were saved.");
        after.ShouldNotContain("checked=\"checked\"");
    }

    [Fact]
    public async Task Platform_staff_opt_into_the_daily_digest()
    {
        using var browser = await SignedInAs(TestUsers.PlatformAdmin);
        (await browser.GetHtmlAsync(Page)).ShouldContain("Email me a daily digest of every tenant's broken connections");

        using var response = await browser.SubmitAsync(Page, Page, [new("ConnectionEmails", "true"), new("DailyDigest", "true")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await PreferencesOfAsync(TestUsers.PlatformAdmin);
        saved.ShouldNotBeNull();
        saved.ConnectionEmails.ShouldBeTrue();
        saved.DailyDigest.ShouldBeTrue();
    }

    private async Task<Domain.Accounts.NotificationPreferences?> PreferencesOfAsync(string email)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId);
    }
}
