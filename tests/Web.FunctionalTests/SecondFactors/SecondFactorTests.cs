using System.Net;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using static Natero.Connectors.Web.FunctionalTests.SecondFactors.SecondFactorTesting;

namespace Natero.Connectors.Web.FunctionalTests.SecondFactors;

/// <summary>Authenticator apps and recovery codes over HTTP (S22), and what enrolling and removing one leaves behind.</summary>
public sealed class SecondFactorTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task S22_with_a_second_factor_a_right_password_alone_signs_nobody_in()
    {
        using (var owner = await SignedInAs(TestUsers.DemoMember))
        {
            await owner.EnrolAuthenticatorAsync();
        }

        using var browser = Factory.NewBrowser();
        using var password = await browser.SignInAsync(TestUsers.DemoMember, TestUsers.Password, "/t/demo");

        password.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        password.Headers.Location!.OriginalString.ShouldStartWith(TwoFactorPage);
        using var home = await browser.GetPageAsync("/t/demo");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the password alone is no session");
        home.Headers.Location!.OriginalString.ShouldContain("/account/sign-in");
        (await Factory.AuditEventsAsync("account.second_factor_requested")).ShouldContain(e =>
            e.Target!.StartsWith("user:", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task S22_a_code_from_the_app_completes_the_sign_in_and_the_same_code_fails_when_used_again()
    {
        Enrolment enrolment;
        using (var owner = await SignedInAs(TestUsers.DemoMember))
        {
            enrolment = await owner.EnrolAuthenticatorAsync();
        }

        var code = Totp.FreshCode(enrolment.Key, enrolment.ConfirmingCode);
        using var first = Factory.NewBrowser();
        using var signedIn = await first.SignInWithCodeAsync(TestUsers.DemoMember, TestUsers.Password, code);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/");
        (await first.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var second = Factory.NewBrowser();
        using var replayed = await second.SignInWithCodeAsync(TestUsers.DemoMember, TestUsers.Password, code);
        replayed.StatusCode.ShouldBe(HttpStatusCode.OK, "a used code is refused on the page");
        (await replayed.Content.ReadAsStringAsync()).ShouldContain("That code is not right.");
        (await second.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var failures = await Factory.AuditEventsAsync("account.sign_in_failed");
        failures.ShouldContain(e => e.Reason == "Wrong authenticator code." && e.Target!.StartsWith("user:", StringComparison.Ordinal));
        (await Factory.StoredValuesContainingAsync(code)).ShouldBeEmpty("a code is kept as a hash only");
    }

    [Fact]
    public async Task S22_a_code_outside_its_window_fails()
    {
        Enrolment enrolment;
        using (var owner = await SignedInAs(TestUsers.DemoMember))
        {
            enrolment = await owner.EnrolAuthenticatorAsync();
        }

        var stale = Totp.Code(enrolment.Key, DateTimeOffset.UtcNow.AddMinutes(-5));
        var early = Totp.Code(enrolment.Key, DateTimeOffset.UtcNow.AddMinutes(5));
        var now = new[] { -1, 0, 1 }.Select(s => Totp.Code(enrolment.Key, DateTimeOffset.UtcNow + (s * Totp.Step))).ToHashSet();

        foreach (var outside in new[] { stale, early }.Where(c => !now.Contains(c)))
        {
            using var browser = Factory.NewBrowser();
            using var refused = await browser.SignInWithCodeAsync(TestUsers.DemoMember, TestUsers.Password, outside);
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("That code is not right.");
        }
    }

    [Fact]
    public async Task S22_a_recovery_code_signs_in_once_and_fails_the_second_time()
    {
        Enrolment enrolment;
        using (var owner = await SignedInAs(TestUsers.DemoMember))
        {
            enrolment = await owner.EnrolAuthenticatorAsync();
        }

        var recovery = enrolment.RecoveryCodes[3];
        using var first = Factory.NewBrowser();
        using var used = await first.SignInWithCodeAsync(
            TestUsers.DemoMember,
            TestUsers.Password,
            recovery.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal),
            recovery: true
        );
        used.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        used.Headers.Location!.OriginalString.ShouldBe(SecurityPage, "after a recovery code the person is shown how many are left");
        (await first.GetHtmlAsync(SecurityPage)).ShouldContain("You have 9 left");

        using var second = Factory.NewBrowser();
        using var again = await second.SignInWithCodeAsync(TestUsers.DemoMember, TestUsers.Password, recovery, recovery: true);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).ShouldContain("That recovery code is not right, or was used already.");
        (await Factory.AuditEventsAsync("account.recovery_code_used")).Count.ShouldBe(1);
        (await Factory.StoredValuesContainingAsync(enrolment.RecoveryCodes[0])).ShouldBeEmpty("recovery codes are stored hashed");
    }

    [Fact]
    public async Task Enrolling_needs_a_right_code_keeps_the_same_key_until_confirmed_and_is_audited_without_secrets()
    {
        using var owner = await SignedInAs(TestUsers.DemoMember);
        using var started = await owner.SubmitAsync(SecurityPage, SecurityPage + "?handler=StartAuthenticator", []);
        var firstHtml = await started.Content.ReadAsStringAsync();
        using var wrong = await owner.SubmitAsync(SecurityPage, SecurityPage + "?handler=ConfirmAuthenticator", [new("Code", "000000")]);
        var wrongHtml = await wrong.Content.ReadAsStringAsync();

        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        wrongHtml.ShouldContain("That code is not right.");
        RecoveryCodes(wrongHtml).ShouldBeEmpty();
        var key = System
            .Text.RegularExpressions.Regex.Match(firstHtml, "id=\"authenticator-key\" class=\"secret\">([^<]+)<")
            .Groups[1]
            .Value;
        wrongHtml.ShouldContain(key, Case.Sensitive, "the same key is shown again to try the next code");
        (await owner.GetHtmlAsync(SecurityPage)).ShouldContain("You started setting one up and did not finish");

        using var password = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, TestUsers.Password);
        password.Headers.Location!.OriginalString.ShouldNotStartWith(
            TwoFactorPage,
            customMessage: "a key not yet confirmed asks nothing of a sign-in"
        );

        var enrolled = await owner.EnrolAuthenticatorAsync();
        var events = await Factory.AuditEventsAsync("account.authenticator_enrolled");
        events.ShouldContain(e => e.Outcome == AuditOutcome.Failure);
        events.ShouldContain(e => e.Outcome == AuditOutcome.Success && e.ActorName == TestUsers.DemoMember);
        var everything = string.Join(
            '\n',
            (await Factory.DbAsync(db => db.AuditEvents.IgnoreQueryFilters().AsNoTracking().ToListAsync())).Select(e =>
                $"{e.Target} {e.Reason} {e.Data}"
            )
        );
        everything.ShouldNotContain(enrolled.Key);
        everything.ShouldNotContain(enrolled.RecoveryCodes[0]);
        string.Join('\n', Factory.Logs.Lines).ShouldNotContain(enrolled.Key);
    }

    [Fact]
    public async Task Removing_the_authenticator_needs_a_fresh_code_and_then_the_password_alone_signs_in_again()
    {
        using var owner = await SignedInAs(TestUsers.DemoMember);
        var enrolment = await owner.EnrolAuthenticatorAsync();

        using var refused = await owner.SubmitAsync(
            SecurityPage,
            SecurityPage + "?handler=RemoveAuthenticator",
            [new("Code", enrolment.ConfirmingCode)]
        );
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("That code is not right.");

        using var removed = await owner.SubmitAsync(
            SecurityPage,
            SecurityPage + "?handler=RemoveAuthenticator",
            [new("Code", Totp.FreshCode(enrolment.Key, enrolment.ConfirmingCode))]
        );
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await owner.GetHtmlAsync(SecurityPage)).ShouldContain("The authenticator app was removed.");
        using var password = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, TestUsers.Password);
        password.Headers.Location!.OriginalString.ShouldBe("/");
        (await Factory.AuditEventsAsync("account.authenticator_removed")).ShouldContain(e => e.Outcome == AuditOutcome.Success);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        using var owner = await SignedInAs(TestUsers.DemoMember);
        var enrolment = await owner.EnrolAuthenticatorAsync();

        using var made = await owner.SubmitAsync(SecurityPage, SecurityPage + "?handler=RegenerateRecoveryCodes", []);
        var fresh = RecoveryCodes(await made.Content.ReadAsStringAsync());
        made.Headers.CacheControl!.NoStore.ShouldBeTrue("a page showing recovery codes is not cached");

        fresh.Count.ShouldBe(10);
        fresh.ShouldNotContain(enrolment.RecoveryCodes[0]);
        using var old = await Factory
            .NewBrowser()
            .SignInWithCodeAsync(TestUsers.DemoMember, TestUsers.Password, enrolment.RecoveryCodes[0], recovery: true);
        old.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var browser = Factory.NewBrowser();
        using var current = await browser.SignInWithCodeAsync(TestUsers.DemoMember, TestUsers.Password, fresh[0], recovery: true);
        current.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Factory.AuditEventsAsync("account.recovery_codes_regenerated")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Platform_staff_without_a_second_factor_are_sent_to_set_one_up_when_the_deployment_requires_it()
    {
        await using var strict = Factory.WithSettings(("Security:RequireMfaForPlatformStaff", "true"));
        using var staff = new Browser(strict.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }));
        (await staff.SignInAsync(TestUsers.PlatformAdmin, TestUsers.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var held = await staff.GetPageAsync("/platform/tenants");
        held.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        held.Headers.Location!.OriginalString.ShouldStartWith(SecurityPage + "?required=true");
        (await staff.GetHtmlAsync(held.Headers.Location!.OriginalString)).ShouldContain("A second factor is required before you can go on");

        await staff.EnrolAuthenticatorAsync();
        (await staff.GetPageAsync("/platform/tenants")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
