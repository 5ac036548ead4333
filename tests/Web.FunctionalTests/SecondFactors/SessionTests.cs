using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using static Natero.Connectors.Web.FunctionalTests.SecondFactors.SecondFactorTesting;

namespace Natero.Connectors.Web.FunctionalTests.SecondFactors;

/// <summary>Sign-in sessions: listed, ended by their owner or an admin, and dead at once everywhere (S27).</summary>
public sealed partial class SessionTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task S27_a_session_ended_by_its_owner_on_one_instance_is_useless_at_once_on_another()
    {
        // A second instance of the app on the same database, as behind a load balancer.
        await using var other = Factory.WithWebHostBuilder(_ => { });
        using var laptop = new Browser(
            other.CreateClient(
                new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }
            )
        );
        (await laptop.SignInAsync(TestUsers.DemoMember, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await laptop.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var phone = await SignedInAs(TestUsers.DemoMember);
        var html = await phone.GetHtmlAsync(SecurityPage);
        var sessions = SessionIds(html);
        sessions.Count.ShouldBe(2);
        var laptopSession = sessions.Single(id => id != CurrentSessionId(html));
        using var ended = await phone.SubmitAsync(
            SecurityPage,
            SecurityPage + "?handler=EndSession",
            [new("sessionId", Guid.ParseExact(laptopSession, "N").ToString())]
        );
        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var after = await laptop.GetPageAsync("/t/demo");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the other instance refuses the ended session on its next request");
        after.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
        (await phone.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK, "the session that ended the other stays");
        (await Factory.AuditEventsAsync("account.session_ended")).ShouldHaveSingleItem().ActorName.ShouldBe(TestUsers.DemoMember);
    }

    [Fact]
    public async Task S27_an_admin_ends_every_session_of_a_member_and_the_member_signs_in_again()
    {
        using var member = await SignedInAs(TestUsers.DemoMember);
        using var memberElsewhere = await SignedInAs(TestUsers.DemoMember);
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        const string usersPage = "/t/demo/settings/users";
        var membershipId = UsersPageTests.MembershipIdOf(await admin.GetHtmlAsync(usersPage), TestUsers.DemoMember);

        using var ended = await admin.SubmitAsync(usersPage, usersPage + "?handler=EndSessions", [new("membershipId", membershipId)]);

        ended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetHtmlAsync(usersPage)).ShouldContain("2 sessions of that member were signed out.");
        (await member.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await memberElsewhere.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audited = (await Factory.AuditEventsAsync("member.sessions_ended")).ShouldHaveSingleItem();
        audited.ActorName.ShouldBe(TestUsers.DemoAdmin);
        ApiTesting.DataOf(audited)["sessions_ended"].ShouldBe("2");
        using var again = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, TestUsers.Password);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Setting_up_a_factor_ends_the_other_sessions_and_keeps_this_one()
    {
        using var other = await SignedInAs(TestUsers.DemoMember);
        using var here = await SignedInAs(TestUsers.DemoMember);

        await here.EnrolAuthenticatorAsync();

        (await other.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await here.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);
        SessionIds(await here.GetHtmlAsync(SecurityPage)).Count.ShouldBe(1);
        var rows = await Factory.DbAsync(db => db.SignInSessions.AsNoTracking().ToListAsync());
        rows.ShouldContain(s => s.EndReason == "factor_changed");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_row_and_sign_out_everywhere_else_ends_the_rest()
    {
        using var a = await SignedInAs(TestUsers.DemoMember);
        using var b = await SignedInAs(TestUsers.DemoMember);
        using var c = await SignedInAs(TestUsers.DemoMember);

        using (var signedOut = await a.SubmitAsync(SecurityPage, "/account/sign-out", []))
        {
            signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var rows = await Factory.DbAsync(db => db.SignInSessions.AsNoTracking().ToListAsync());
        rows.Count(s => s.EndReason == "signed_out").ShouldBe(1);
        using var everywhere = await c.SubmitAsync(SecurityPage, SecurityPage + "?handler=EndOtherSessions", []);
        everywhere.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await c.GetHtmlAsync(SecurityPage)).ShouldContain("One other session was signed out.");
        (await b.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await c.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_person_cannot_end_a_session_of_someone_else()
    {
        using var member = await SignedInAs(TestUsers.DemoMember);
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        var adminSession = CurrentSessionId(await admin.GetHtmlAsync(SecurityPage));

        using var refused = await member.SubmitAsync(
            SecurityPage,
            SecurityPage + "?handler=EndSession",
            [new("sessionId", Guid.ParseExact(adminSession, "N").ToString())]
        );

        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static List<string> SessionIds(string html) => [.. SessionRow().Matches(html).Select(m => m.Groups[1].Value)];

    private static string CurrentSessionId(string html) =>
        CurrentRow().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new ShouldAssertException("no row says This browser");

    [GeneratedRegex("data-session=\"([0-9a-f]{32})\"")]
    private static partial Regex SessionRow();

    [GeneratedRegex("data-session=\"([0-9a-f]{32})\"(?:(?!data-session).)*?This browser", RegexOptions.Singleline)]
    private static partial Regex CurrentRow();
}
