using System.Net;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;

namespace Natero.Connectors.Web.FunctionalTests.Sso;

/// <summary>S26: a tenant that requires single sign-on for a domain refuses its members' passwords, admins' break-glass excepted.</summary>
public sealed class SsoRequiredPasswordTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string Domain = "demo.natero.test";

    [Fact]
    public async Task S26_a_member_in_an_sso_domain_cannot_sign_in_with_a_correct_password_and_is_pointed_at_the_sso_button()
    {
        await Factory.SetSignInPolicyAsync(TestUsers.DemoTenant, [Domain], breakGlass: true);
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoMember, TestUsers.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        WebUtility
            .HtmlDecode(await response.Content.ReadAsStringAsync())
            .ShouldContain("Your organisation signs you in through single sign-on");
        (await browser.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var refused = (await Factory.AuditEventsAsync("account.sign_in_failed")).ShouldHaveSingleItem();
        refused.Outcome.ShouldBe(AuditOutcome.Denied);
        ApiTesting.DataOf(refused)["reason"].ShouldBe("sso_required");
        (await Factory.AuditEventsAsync("account.signed_in")).Where(e => e.ActorName == TestUsers.DemoMember).ShouldBeEmpty();
    }

    [Fact]
    public async Task S26_a_wrong_password_in_an_sso_domain_is_answered_as_any_wrong_password()
    {
        await Factory.SetSignInPolicyAsync(TestUsers.DemoTenant, [Domain], breakGlass: true);
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoMember, "not-the-password-1");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.ShouldContain("The email or password is not right.");
        html.ShouldNotContain("single sign-on");
    }

    [Fact]
    public async Task S26_an_admin_who_manages_users_signs_in_with_a_password_as_break_glass_audited_on_the_tenants_chain()
    {
        await Factory.SetSignInPolicyAsync(TestUsers.DemoTenant, [Domain], breakGlass: true);
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var demoId = await Factory.DbAsync(db => db.Tenants.Where(t => t.Slug == TestUsers.DemoTenant).Select(t => t.Id).SingleAsync());
        var breakGlass = (await Factory.AuditEventsAsync("account.sso_break_glass")).ShouldHaveSingleItem();
        breakGlass.TenantId.ShouldBe(demoId);
        breakGlass.ActorName.ShouldBe(TestUsers.DemoAdmin);
    }

    [Fact]
    public async Task S26_without_break_glass_the_admin_is_refused_too()
    {
        await Factory.SetSignInPolicyAsync(TestUsers.DemoTenant, [Domain], breakGlass: false);
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoAdmin, TestUsers.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Factory.AuditEventsAsync("account.sso_break_glass")).ShouldBeEmpty();
    }

    [Fact]
    public async Task S26_a_domain_the_tenant_does_not_name_keeps_its_password()
    {
        await Factory.SetSignInPolicyAsync(TestUsers.DemoTenant, ["acme.example"], breakGlass: false);
        using var browser = Factory.NewBrowser();

        using var response = await browser.SignInAsync(TestUsers.DemoMember, TestUsers.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
