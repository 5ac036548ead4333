using System.Net;
using Natero.Connectors.Domain.Audit;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using static Natero.Connectors.Web.FunctionalTests.SecondFactors.SecondFactorTesting;

namespace Natero.Connectors.Web.FunctionalTests.SecondFactors;

/// <summary>A tenant that requires a second factor (S23), set on its sign-in policy page.</summary>
public sealed class SignInPolicyTests(NateroWebFactory factory) : WebTest(factory)
{
    private const string PolicyPage = "/t/" + TestUsers.DemoTenant + "/settings/it-administration/sign-in";

    [Fact]
    public async Task An_admin_without_a_second_factor_cannot_require_one_and_locks_nobody_out()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        using var refused = await admin.SubmitAsync(
            PolicyPage,
            PolicyPage,
            [new("RequireSecondFactor", "true"), new("SsoAdminBreakGlass", "true")]
        );

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Set up a second factor for yourself first");
        (await admin.GetPageAsync("/t/demo/settings/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task S23_a_tenant_that_requires_a_second_factor_opens_nothing_to_a_member_without_one_but_their_api_keys_work()
    {
        var memberKey = await ApiTesting.TenantKeyAsync(
            Factory,
            TestUsers.DemoTenant,
            TestUsers.DemoMember,
            Permissions.DataConnectors.View
        );
        using var member = await SignedInAs(TestUsers.DemoMember);
        using var admin = await SignedInAs(TestUsers.DemoAdmin);
        await admin.EnrolAuthenticatorAsync();

        using var saved = await admin.SubmitAsync(
            PolicyPage,
            PolicyPage,
            [new("RequireSecondFactor", "true"), new("SsoAdminBreakGlass", "true")]
        );
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetHtmlAsync(PolicyPage)).ShouldContain("The sign-in policy was saved.");
        (await admin.GetPageAsync("/t/demo/settings/users")).StatusCode.ShouldBe(HttpStatusCode.OK, "the admin has a factor");

        foreach (var page in new[] { "/t/demo", "/t/demo/settings/it-administration/oauth", "/t/demo/settings/api-keys" })
        {
            using var held = await member.GetPageAsync(page);
            held.StatusCode.ShouldBe(HttpStatusCode.Redirect, page);
            held.Headers.Location!.OriginalString.ShouldBe($"{SecurityPage}?required=true&returnUrl={Uri.EscapeDataString(page)}");
        }

        // A form posted without going through a page is refused, not redirected.
        using var post = await member.SubmitAsync(SecurityPage, "/t/demo/settings/api-keys", [new("Name", "sneaky")]);
        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using (var api = ApiTesting.Client(Factory, memberKey))
        {
            (await api.GetAsync("/api/v1/connections")).StatusCode.ShouldBe(HttpStatusCode.OK, "API keys the member owns keep working");
        }

        var required = await member.GetHtmlAsync($"{SecurityPage}?required=true&returnUrl=%2Ft%2Fdemo");
        required.ShouldContain("A second factor is required before you can go on");
        await member.EnrolAuthenticatorAsync();
        (await member.GetPageAsync("/t/demo/settings/it-administration/oauth")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await member.GetHtmlAsync($"{SecurityPage}?required=true&returnUrl=%2Ft%2Fdemo")).ShouldContain("Continue where you were");

        var changed = await Factory.AuditEventsAsync("tenant.sign_in_policy_changed");
        changed.ShouldHaveSingleItem().Outcome.ShouldBe(AuditOutcome.Success);
        ApiTesting.DataOf(changed[0])["require_second_factor"].ShouldBe("true");
        changed[0].TenantId.ShouldNotBeNull();
    }

    [Fact]
    public async Task Domains_that_are_not_domains_are_refused_with_their_names_and_good_ones_are_kept_in_lower_case()
    {
        using var admin = await SignedInAs(TestUsers.DemoAdmin);

        using var refused = await admin.SubmitAsync(
            PolicyPage,
            PolicyPage,
            [new("SsoRequiredDomains", "example.com\nnot a domain"), new("SsoAdminBreakGlass", "true")]
        );
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain(WebUtility.HtmlEncode("\"not\" is not an email domain"));

        using var saved = await admin.SubmitAsync(
            PolicyPage,
            PolicyPage,
            [new("SsoRequiredDomains", "Example.COM, @acme.example"), new("SsoAdminBreakGlass", "false")]
        );
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var html = await admin.GetHtmlAsync(PolicyPage);
        html.ShouldContain("acme.example");
        html.ShouldContain("example.com");
        html.ShouldNotContain("Example.COM", Case.Sensitive);
    }
}
