using System.Net;
using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;
using static Natero.Connectors.Web.FunctionalTests.Api.ApiTesting;

namespace Natero.Connectors.Web.FunctionalTests.Api;

/// <summary>Members and invitations through the API: S16's rule holds for keys too, and no answer carries a link or a password.</summary>
public sealed class MemberApiTests(NateroWebFactory factory) : WebTest(factory)
{
    [Fact]
    public async Task S16_a_key_cannot_change_its_creators_own_permissions_nor_grant_beyond_its_scopes()
    {
        using var admin = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoAdmin, Permissions.Users.Manage)
        );
        using var members = await admin.GetAsync("/api/v1/members");
        var list = (await members.JsonAsync()).EnumerateArray().ToList();
        var own = list.Single(m => m.GetProperty("email").GetString() == TestUsers.DemoAdmin).GetProperty("membershipId").GetGuid();
        var member = list.Single(m => m.GetProperty("email").GetString() == TestUsers.DemoMember).GetProperty("membershipId").GetGuid();

        using var self = await admin.SendAsync(
            HttpMethod.Put,
            $"/api/v1/members/{own}/permissions",
            new { permissions = new[] { Permissions.Users.Manage } }
        );
        using var beyond = await admin.SendAsync(
            HttpMethod.Put,
            $"/api/v1/members/{member}/permissions",
            new { permissions = new[] { Permissions.DataConnectors.View, Permissions.DataConnectors.ReadCredentials } }
        );
        using var invite = await admin.SendAsync(
            HttpMethod.Post,
            "/api/v1/invitations",
            new { email = "x@demo.test", permissions = new[] { Permissions.ApiKeys.Manage } }
        );

        await self.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await beyond.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await invite.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_invitation_made_through_the_api_answers_without_its_link_and_the_person_joins_through_the_email()
    {
        using var admin = Client(
            Factory,
            await TenantKeyAsync(
                Factory,
                TestUsers.DemoTenant,
                TestUsers.DemoAdmin,
                Permissions.Users.Manage,
                Permissions.DataConnectors.View
            )
        );

        using var created = await admin.SendAsync(
            HttpMethod.Post,
            "/api/v1/invitations",
            new { email = "api.person@demo.test", permissions = new[] { Permissions.DataConnectors.View } }
        );
        var body = await created.Content.ReadAsStringAsync();

        created.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var token = (await QueuedEmails.LastTo(Factory.Services, "api.person@demo.test")).InvitationToken();
        body.ShouldNotContain(token);
        body.ShouldNotContain("/account/invitation/");
        body.ShouldContain("\"state\":\"Pending\"");
        await Factory.AcceptInvitationAsync("api.person@demo.test");
        using var members = await admin.GetAsync("/api/v1/members");
        (await members.Content.ReadAsStringAsync()).ShouldContain("api.person@demo.test");
    }

    [Fact]
    public async Task S20_a_replayed_invitation_asks_again_whether_the_caller_may_see_it()
    {
        using (var admin = await SignedInAs(TestUsers.DemoAdmin))
        {
            await SetDemoMemberPermissionsAsync(admin, Permissions.Users.Manage, Permissions.DataConnectors.View);
        }

        using var member = Client(
            Factory,
            await TenantKeyAsync(Factory, TestUsers.DemoTenant, TestUsers.DemoMember, Permissions.Users.Manage)
        );
        var body = new { email = "replayed@demo.test", permissions = Array.Empty<string>() };
        using var first = await member.SendAsync(HttpMethod.Post, "/api/v1/invitations", body, [new("Idempotency-Key", "invite-1")]);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        using var again = await member.SendAsync(HttpMethod.Post, "/api/v1/invitations", body, [new("Idempotency-Key", "invite-1")]);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await again.JsonAsync()).GetProperty("id").GetGuid().ShouldBe((await first.JsonAsync()).GetProperty("id").GetGuid());

        using (var admin = await SignedInAs(TestUsers.DemoAdmin))
        {
            await SetDemoMemberPermissionsAsync(admin, Permissions.DataConnectors.View);
        }

        using var refused = await member.SendAsync(HttpMethod.Post, "/api/v1/invitations", body, [new("Idempotency-Key", "invite-1")]);
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        (await Factory.DbAsync(db => db.Invitations.IgnoreQueryFilters().CountAsync())).ShouldBe(1);
    }
}
