using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Accounts.Commands.RequestPasswordReset;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;

namespace Natero.Connectors.Web.FunctionalTests.Accounts;

/// <summary>Passwords through the pages: forgot, reset, change, and what each leaves in the audit trail (S17, U3).</summary>
public sealed class AccountFlowTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task S17_forgot_password_answers_the_same_words_status_and_time_for_a_known_and_an_unknown_email()
    {
        using var browser = Factory.NewBrowser();
        var known = new List<double>();
        var unknown = new List<double>();
        string? knownHtml = null;
        string? unknownHtml = null;

        // Alternating, after a warm-up, so that the machine's moods hit both sides alike.
        for (var i = -2; i < 16; i++)
        {
            foreach (var (email, times) in new[] { (TestUsers.DemoMember, known), ($"nobody{i}@nowhere.test", unknown) })
            {
                var clock = Stopwatch.StartNew();
                using var response = await browser.SubmitAsync(
                    "/account/forgot-password",
                    "/account/forgot-password",
                    [new("Email", email)]
                );
                clock.Stop();
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var html = Answer(await response.Content.ReadAsStringAsync());
                if (i >= 0)
                {
                    times.Add(clock.Elapsed.TotalMilliseconds);
                }

                if (times == known)
                {
                    knownHtml = html;
                }
                else
                {
                    unknownHtml = html;
                }
            }
        }

        knownHtml.ShouldBe(unknownHtml);
        (knownHtml ?? string.Empty).ShouldContain(WebUtility.HtmlEncode(RequestPasswordResetCommandHandler.Answer));
        var (knownMedian, unknownMedian) = (Median(known), Median(unknown));
        Math.Abs(knownMedian - unknownMedian)
            .ShouldBeLessThan(
                Math.Max(50, 0.5 * Math.Max(knownMedian, unknownMedian)),
                $"median {knownMedian:F1} ms for a known email, {unknownMedian:F1} ms for an unknown one"
            );
    }

    [Fact]
    public async Task S17_a_reset_link_works_once_and_ends_every_other_session()
    {
        using var elsewhere = await SignedInAs(TestUsers.DemoMember);
        using var browser = Factory.NewBrowser();
        using (
            var asked = await browser.SubmitAsync(
                "/account/forgot-password",
                "/account/forgot-password",
                [new("Email", TestUsers.DemoMember)]
            )
        )
        {
            asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var link = (await QueuedEmails.LastTo(Factory.Services, TestUsers.DemoMember, QueuedEmails.ResetSubject)).LinkPath();
        using var page = await browser.GetPageAsync(link);
        page.Headers.GetValues("Referrer-Policy").ShouldContain("no-referrer");
        using var reset = await browser.SubmitAsync(link, link, [new("NewPassword", NewPassword), new("ConfirmPassword", NewPassword)]);
        using var again = await browser.SubmitAsync(
            link,
            link,
            [new("NewPassword", "another passphrase!"), new("ConfirmPassword", "another passphrase!")]
        );

        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reset.Headers.Location!.OriginalString.ShouldBe("/account/sign-in");
        (await again.Content.ReadAsStringAsync()).ShouldContain("This reset link is not valid any more.");
        using var old = await elsewhere.GetPageAsync("/t/demo");
        old.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session signed in before the reset ends");
        old.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
        using var withOld = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, TestUsers.Password);
        withOld.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var withNew = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, NewPassword);
        withNew.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var events = await EventsAsync();
        events.ShouldContain(e => e.Action == "account.password_reset_requested" && e.Outcome == AuditOutcome.Success);
        events.ShouldContain(e =>
            e.Action == "account.password_reset" && e.Outcome == AuditOutcome.Success && e.ActorName == TestUsers.DemoMember
        );
    }

    [Fact]
    public async Task S17_a_reset_link_stops_working_when_its_lifespan_is_over()
    {
        // Identity's tokens read the system clock: the app sets one hour; here a second, and a real wait.
        await using var shortLived = Factory.WithWebHostBuilder(b =>
            b.ConfigureTestServices(services =>
                services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(1))
            )
        );
        using var browser = new Browser(
            shortLived.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false })
        );
        using (
            var asked = await browser.SubmitAsync(
                "/account/forgot-password",
                "/account/forgot-password",
                [new("Email", TestUsers.DemoMember)]
            )
        )
        {
            asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Read with the host that queued it: after a database reset each host may hold a key ring of its own.
        var link = (await QueuedEmails.LastTo(shortLived.Services, TestUsers.DemoMember, QueuedEmails.ResetSubject)).LinkPath();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using var late = await browser.SubmitAsync(link, link, [new("NewPassword", NewPassword), new("ConfirmPassword", NewPassword)]);

        (await late.Content.ReadAsStringAsync()).ShouldContain("This reset link is not valid any more.");
        using var stillOld = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, TestUsers.Password);
        stillOld.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others()
    {
        using var elsewhere = await SignedInAs(TestUsers.DemoAdmin);
        using var here = await SignedInAs(TestUsers.DemoAdmin);

        using var changed = await here.SubmitAsync(
            "/account/change-password",
            "/account/change-password",
            [new("CurrentPassword", TestUsers.Password), new("NewPassword", NewPassword), new("ConfirmPassword", NewPassword)]
        );

        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await here.GetHtmlAsync("/account/change-password")).ShouldContain("Your password was changed.");
        (await here.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var old = await elsewhere.GetPageAsync("/t/demo");
        old.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueuedEmails.LastTo(Factory.Services, TestUsers.DemoAdmin, "password was changed")).To.ShouldBe(TestUsers.DemoAdmin);
    }

    [Fact]
    public async Task A_wrong_current_password_is_shown_next_to_its_field_and_changes_nothing()
    {
        using var here = await SignedInAs(TestUsers.DemoAdmin);

        using var response = await here.SubmitAsync(
            "/account/change-password",
            "/account/change-password",
            [new("CurrentPassword", "not my password!"), new("NewPassword", NewPassword), new("ConfirmPassword", NewPassword)]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Your current password is not right.");
        using var again = await Factory.NewBrowser().SignInAsync(TestUsers.DemoAdmin, TestUsers.Password);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task U3_sign_in_success_failure_and_lockout_are_audited_without_the_password()
    {
        using (var ok = await Factory.NewBrowser().SignInAsync(TestUsers.DemoAdmin, TestUsers.Password))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var browser = Factory.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            (await browser.SignInAsync(TestUsers.DemoMember, "wrong-password-" + i)).Dispose();
        }

        (await browser.SignInAsync("nobody@nowhere.test", "wrong-password-x")).Dispose();

        var events = await EventsAsync();
        events.Where(e => e.Action.StartsWith("account.", StringComparison.Ordinal)).ShouldAllBe(e => e.TenantId == null);
        events.Single(e => e.Action == "account.signed_in").ActorName.ShouldBe(TestUsers.DemoAdmin);
        events.Count(e => e.Action == "account.sign_in_failed" && e.Reason == "Wrong password.").ShouldBe(4);
        events.Single(e => e.Action == "account.locked_out").Outcome.ShouldBe(AuditOutcome.Denied);
        events
            .Single(e => e.Action == "account.sign_in_failed" && e.Reason == "No account has this email.")
            .Data!.ShouldContain("nobody@nowhere.test");
        foreach (var e in events)
        {
            $"{e.Reason} {e.Data}".ShouldNotContain("wrong-password");
            $"{e.Reason} {e.Data}".ShouldNotContain(TestUsers.Password);
        }
    }

    [Fact]
    public async Task Sign_in_posts_from_one_address_are_rate_limited_with_a_page_that_says_when_to_retry()
    {
        await using var limited = Factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:SignIn:PermitLimit", "3"));
        using var browser = new Browser(
            limited.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false })
        );

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await browser.SignInAsync(TestUsers.DemoMember, "wrong-password-" + i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter.ShouldNotBeNull();
                (await response.Content.ReadAsStringAsync()).ShouldContain("Too many attempts");
            }
        }

        statuses.ShouldBe([
            HttpStatusCode.OK,
            HttpStatusCode.OK,
            HttpStatusCode.OK,
            HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests,
        ]);
        (await browser.GetPageAsync("/account/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK, "showing the page is not limited");
    }

    private Task<List<AuditEvent>> EventsAsync() =>
        Factory.DbAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.OccurredAt).ToListAsync());

    /// <summary>The page's main content, without the antiforgery token that differs per response.</summary>
    private static string Answer(string html) =>
        html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
