using System.Net;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using Natero.Connectors.Web.FunctionalTests.Api;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Accounts;

/// <summary>A disabled account's keys stop and it signs in no more; a lockout, unlike it, leaves the keys alone.</summary>
public sealed class DisabledAccountTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task A_disabled_accounts_keys_stop_its_sessions_end_and_it_cannot_sign_in_or_reset_until_enabled()
    {
        using var staff = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        using var memberKey = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoMember, Permissions.DataConnectors.View)
        );
        using var session = await SignedInAs(TestUsers.DemoMember);
        using var found = await staff.GetAsync($"/api/v1/platform/accounts?email={TestUsers.DemoMember}");
        var id = (await found.JsonAsync()).GetProperty("id").GetGuid();

        using var disabled = await staff.SendAsync(HttpMethod.Post, $"/api/v1/platform/accounts/{id}/disable");

        disabled.StatusCode.ShouldBe(HttpStatusCode.OK, await disabled.Content.ReadAsStringAsync());
        (await disabled.JsonAsync()).GetProperty("disabled").GetBoolean().ShouldBeTrue();
        using (var refused = await memberKey.GetAsync("/api/v1/connections"))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized", "api_key_creator_gone");
        }

        using (var page = await session.GetPageAsync("/t/demo"))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session signed in before ends");
        }

        using (var signIn = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, TestUsers.Password))
        {
            (await signIn.Content.ReadAsStringAsync()).ShouldContain("This account is disabled.");
        }

        using (var guess = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, "a wrong password!!"))
        {
            (await guess.Content.ReadAsStringAsync()).ShouldContain(
                "The email or password is not right.",
                customMessage: "only the owner learns it is disabled"
            );
        }

        using (
            var forgot = await Factory
                .NewBrowser()
                .SubmitAsync("/account/forgot-password", "/account/forgot-password", [new("Email", TestUsers.DemoMember)])
        )
        {
            forgot.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await Factory.DbAsync(db => db.OutboxMessages.CountAsync(m => m.Recipient == TestUsers.DemoMember))).ShouldBe(
            0,
            "a reset cannot undo a disable"
        );

        using var enabled = await staff.SendAsync(HttpMethod.Post, $"/api/v1/platform/accounts/{id}/enable");
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var works = await memberKey.GetAsync("/api/v1/connections"))
        {
            works.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var again = await Factory.NewBrowser().SignInAsync(TestUsers.DemoMember, TestUsers.Password);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var actions = await Factory.DbAsync(db =>
            db.AuditEvents.AsNoTracking().Where(e => e.Target == $"user:{id}").Select(e => e.Action).ToListAsync()
        );
        actions.ShouldContain("account.disabled");
        actions.ShouldContain("account.enabled");
    }

    [Fact]
    public async Task Staff_cannot_disable_their_own_account()
    {
        using var staff = Client(Factory, await PlatformKeyAsync(Factory, TestUsers.PlatformAdmin, PlatformRoles.PlatformAdmin));
        using var found = await staff.GetAsync($"/api/v1/platform/accounts?email={TestUsers.PlatformAdmin}");
        var id = (await found.JsonAsync()).GetProperty("id").GetGuid();

        using var response = await staff.SendAsync(HttpMethod.Post, $"/api/v1/platform/accounts/{id}/disable");

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "conflict", "own_account");
    }
}
