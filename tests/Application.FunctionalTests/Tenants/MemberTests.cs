using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Tenants.Commands.AddMember;
using Natero.Connectors.Application.Tenants.Commands.RemoveMember;
using Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;
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
    public async Task Adding_an_unknown_email_creates_the_account_and_shows_its_password_once()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var added = await App.SendAsync(new AddMemberCommand("new.person@demo.test", [Permissions.DataConnectors.View]), admin, Demo);

        added.Value.InitialPassword.ShouldNotBeNullOrWhiteSpace();
        var members = await App.SendAsync(new GetMembersQuery(), admin, Demo);
        members.Value.Select(m => m.Email).ShouldContain("new.person@demo.test");
    }

    [Fact]
    public async Task Adding_an_existing_account_gives_no_password_and_twice_is_a_conflict()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        await App.CreateUserAsync("known@elsewhere.test");

        var first = await App.SendAsync(new AddMemberCommand("known@elsewhere.test", []), admin, Demo);
        var second = await App.SendAsync(new AddMemberCommand("known@elsewhere.test", []), admin, Demo);

        first.Value.InitialPassword.ShouldBeNull();
        second.Error!.Kind.ShouldBe(ErrorKind.Conflict);
    }

    [Fact]
    public async Task Unknown_permissions_are_rejected()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new AddMemberCommand("p@demo.test", ["Everything.Forever"]), admin, Demo);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields.Keys.ShouldContain("Permissions");
    }

    [Fact]
    public async Task Admin_grants_configure_data_connectors_to_a_member()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var member = await MembershipOf(TestUsers.DemoMember);

        var result = await App.SendAsync(
            new UpdateMemberPermissionsCommand(member, [Permissions.DataConnectors.View, Permissions.DataConnectors.Configure]), admin, Demo);

        result.Value.Granted.ShouldBe([Permissions.DataConnectors.Configure]);
        result.Value.Revoked.ShouldBeEmpty();
        var members = await App.SendAsync(new GetMembersQuery(), admin, Demo);
        members.Value.Single(m => m.Email == TestUsers.DemoMember).Permissions.ShouldContain(Permissions.DataConnectors.Configure);
    }

    [Fact]
    public async Task The_last_user_manager_cannot_revoke_manage_users_from_themselves()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        var own = await MembershipOf(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new UpdateMemberPermissionsCommand(own, [Permissions.DataConnectors.View]), admin, Demo);

        result.Error!.Kind.ShouldBe(ErrorKind.Conflict);
        result.Error.Code.ShouldBe("last_user_manager");
        (await App.SendAsync(new GetMembersQuery(), admin, Demo)).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public async Task Manage_users_can_be_given_up_once_another_member_holds_it()
    {
        var admin = await App.UserAsync(TestUsers.DemoAdmin);
        await App.SendAsync(new UpdateMemberPermissionsCommand(await MembershipOf(TestUsers.DemoMember), [Permissions.Users.Manage]), admin, Demo);

        var result = await App.SendAsync(new UpdateMemberPermissionsCommand(await MembershipOf(TestUsers.DemoAdmin), [Permissions.DataConnectors.View]), admin, Demo);

        result.Value.Revoked.ShouldContain(Permissions.Users.Manage);
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
        var grant = await App.SendAsync(new UpdateMemberPermissionsCommand(await MembershipOf(TestUsers.DemoMember), Permissions.All.Select(p => p.Name).ToList()), member, Demo);

        list.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        list.Error.Message.ShouldContain("Manage users");
        grant.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        var memberships = await App.QueryDbAsync(db => db.Memberships.IgnoreQueryFilters().ToListAsync());
        memberships.Count(m => m.Permissions.Count > 1).ShouldBe(1);
    }

    private Task<Guid> MembershipOf(string email) => App.QueryDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id).Select(m => m.Id).SingleAsync();
    });
}
