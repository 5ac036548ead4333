using System.Net;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.SecondFactors;

/// <summary>The sign-in policy and ending a member's sessions, as automation does them with a key.</summary>
public sealed class SignInPolicyApiTests(NateroWebFactory factory) : WebTest(factory)
{
    private static readonly string[] NotADomain = ["not a domain"];
    private static readonly string[] MixedCaseDomain = ["Demo.Natero.Test"];

    [Fact]
    public async Task A_key_reads_and_sets_the_policy_and_bad_domains_are_refused_by_name()
    {
        using var api = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.Users.Manage));

        var initial = await (await api.GetAsync("/api/v1/sign-in-policy")).JsonAsync();
        initial.GetProperty("requireSecondFactor").GetBoolean().ShouldBeFalse();
        initial.GetProperty("ssoAdminBreakGlass").GetBoolean().ShouldBeTrue();

        using var refused = await api.SendAsync(
            HttpMethod.Put,
            "/api/v1/sign-in-policy",
            new { requireSecondFactor = false, ssoRequiredDomains = NotADomain }
        );
        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation")).GetRawText().ShouldContain("is not an email domain");

        using var saved = await api.SendAsync(
            HttpMethod.Put,
            "/api/v1/sign-in-policy",
            new
            {
                requireSecondFactor = true,
                ssoRequiredDomains = MixedCaseDomain,
                ssoAdminBreakGlass = false,
            }
        );
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = await saved.JsonAsync();
        policy.GetProperty("requireSecondFactor").GetBoolean().ShouldBeTrue();
        policy.GetProperty("ssoRequiredDomains").EnumerateArray().Select(d => d.GetString()).ShouldBe(["demo.natero.test"]);
        policy.GetProperty("ssoAdminBreakGlass").GetBoolean().ShouldBeFalse();
        (await Factory.AuditEventsAsync("tenant.sign_in_policy_changed"))
            .Count(e => e.Outcome == Domain.Audit.AuditOutcome.Success)
            .ShouldBe(1);
    }

    [Fact]
    public async Task A_key_ends_every_session_of_a_member()
    {
        using var member = await SignedInAs(TestUsers.DemoMember);
        using var api = Client(Factory, await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.Users.Manage));
        var members = await (await api.GetAsync("/api/v1/members")).JsonAsync();
        var memberId = members
            .EnumerateArray()
            .Single(m => m.GetProperty("email").GetString() == TestUsers.DemoMember)
            .GetProperty("membershipId")
            .GetGuid();

        using var ended = await api.PostAsync($"/api/v1/members/{memberId}/end-sessions", null);

        ended.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ended.JsonAsync()).GetProperty("sessionsEnded").GetInt32().ShouldBe(1);
        (await member.GetPageAsync("/t/demo")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await api.PostAsync($"/api/v1/members/{Guid.NewGuid()}/end-sessions", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
