using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Tenants.Commands.RemoveMember;
using Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;
using Natero.Connectors.Application.Tenants.Invitations.Commands.InviteMember;
using Natero.Connectors.Application.Tenants.Queries.GetMembers;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Tenants;

public sealed class MemberTests(ApplicationFixture app) : FunctionalTest(app)
{
    private const string Demo = TestUsers.DemoTenant;

    [Fact]
    public async Task Admin_lists_members_with_their_permissions()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var members = await App.SendAsync(new GetMembersQuery(), admin, Demo);

        members.Value.Select(m => m.Email).ShouldBe([TestUsers.DemoAdmin, TestUsers.DemoMember]);
        members.Value.Single(m => m.Email == TestUsers.DemoMember).Permissions.ShouldBe([Permissions.DataConnectors.View]);
    }

    [Fact]
    public async Task Unknown_permissions_are_rejected()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new InviteMemberCommand("p@demo.test", ["Everything.Forever"]), admin, Demo);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields.Keys.ShouldContain("Permissions");
    }

    [Fact]
    public async Task Admin_grants_configure_data_connectors_to_a_member()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var member = await MembershipOf(TestUsers.DemoMember);

        var result = await App.SendAsync(
            new UpdateMemberPermissionsCommand(member, [Permissions.DataConnectors.View, Permissions.DataConnectors.Configure]),
            admin,
            Demo
        );

        result.Value.Granted.ShouldBe([Permissions.DataConnectors.Configure]);
        result.Value.Revoked.ShouldBeEmpty();
        var members = await App.SendAsync(new GetMembersQuery(), admin, Demo);
        members.Value.Single(m => m.Email == TestUsers.DemoMember).Permissions.ShouldContain(Permissions.DataConnectors.Configure);
    }

    [Fact]
    public async Task S16_a_member_cannot_change_their_own_permissions()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var own = await MembershipOf(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new UpdateMemberPermissionsCommand(own, [Permissions.DataConnectors.View]), admin, Demo);

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        result.Error.Message.ShouldContain("your own permissions");
        (await App.SendAsync(new GetMembersQuery(), admin, Demo))
            .Value.Single(m => m.Email == TestUsers.DemoAdmin)
            .Permissions.Count.ShouldBe(Permissions.All.Count);
    }

    [Fact]
    public async Task S16_a_member_grants_only_permissions_they_hold()
    {
        var manager = await App.AddMemberAsync("manager@demo.test", Demo, Permissions.Users.Manage, Permissions.DataConnectors.View);

        var escalate = await App.SendAsync(
            new UpdateMemberPermissionsCommand(
                await MembershipOf(TestUsers.DemoMember),
                [Permissions.DataConnectors.View, Permissions.DataConnectors.ReadCredentials]
            ),
            manager,
            Demo
        );
        var allowed = await App.SendAsync(
            new UpdateMemberPermissionsCommand(
                await MembershipOf(TestUsers.DemoMember),
                [Permissions.DataConnectors.View, Permissions.Users.Manage]
            ),
            manager,
            Demo
        );
        var invite = await App.SendAsync(
            new InviteMemberCommand("helper@demo.test", [Permissions.DataConnectors.ReadCredentials]),
            manager,
            Demo
        );

        escalate.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        escalate.Error.Message.ShouldContain("Read connector credentials");
        allowed.Value.Granted.ShouldBe([Permissions.Users.Manage]);
        invite.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        (await App.QueryDbAsync(db => db.Invitations.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task S16_a_member_cannot_revoke_a_permission_they_do_not_hold()
    {
        var manager = await App.AddMemberAsync("manager@demo.test", Demo, Permissions.Users.Manage, Permissions.DataConnectors.View);

        var result = await App.SendAsync(
            new UpdateMemberPermissionsCommand(await MembershipOf(TestUsers.DemoAdmin), [Permissions.Users.Manage]),
            manager,
            Demo
        );

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
    }

    [Fact]
    public async Task Manage_users_can_be_taken_from_an_admin_by_another_member_who_holds_it()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        await App.SendAsync(
            new UpdateMemberPermissionsCommand(
                await MembershipOf(TestUsers.DemoMember),
                [Permissions.DataConnectors.View, Permissions.Users.Manage]
            ),
            admin,
            Demo
        );
        var member = await App.UserAsync(TestUsers.DemoMember);
        var adminKeeps = Permissions.All.Select(p => p.Name).Where(p => p != Permissions.Users.Manage).ToList();

        var result = await App.SendAsync(
            new UpdateMemberPermissionsCommand(await MembershipOf(TestUsers.DemoAdmin), adminKeeps),
            member,
            Demo
        );

        result.Value.Revoked.ShouldBe([Permissions.Users.Manage]);
    }

    [Fact]
    public async Task The_last_user_manager_cannot_be_removed()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new RemoveMemberCommand(await MembershipOf(TestUsers.DemoAdmin)), admin, Demo);

        result.Error!.Code.ShouldBe("last_user_manager");
    }

    [Fact]
    public async Task Removing_a_member_keeps_their_account()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new RemoveMemberCommand(await MembershipOf(TestUsers.DemoMember)), admin, Demo);

        result.IsSuccess.ShouldBeTrue();
        (await App.SendAsync(new GetMembersQuery(), admin, Demo)).Value.Select(m => m.Email).ShouldBe([TestUsers.DemoAdmin]);
        (await App.UserAsync(TestUsers.DemoMember)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Anonymous_caller_cannot_list_members()
    {
        var result = await App.SendAsync(new GetMembersQuery(), actor: null, Demo);

        result.Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
    }

    [Fact]
    public async Task Member_without_manage_users_is_refused_and_told_which_permission()
    {
        var member = await App.UserAsync(TestUsers.DemoMember);

        var list = await App.SendAsync(new GetMembersQuery(), member, Demo);
        var grant = await App.SendAsync(
            new UpdateMemberPermissionsCommand(await MembershipOf(TestUsers.DemoMember), Permissions.All.Select(p => p.Name).ToList()),
            member,
            Demo
        );

        list.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        list.Error.Message.ShouldContain("Manage users");
        grant.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        var memberships = await App.QueryDbAsync(db => db.Memberships.IgnoreQueryFilters().ToListAsync());
        memberships.Count(m => m.Permissions.Count > 1).ShouldBe(1);
    }

    private Task<Guid> MembershipOf(string email) =>
        App.QueryDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            return await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id).Select(m => m.Id).SingleAsync();
        });
}
