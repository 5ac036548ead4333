using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Application.Tenants.Commands.RemoveMember;
using Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;
using Natero.Connectors.Application.Tenants.Invitations.Commands.InviteMember;
using Natero.Connectors.Application.Tenants.Queries.GetMembers;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Tenants;

/// <summary>An admin of tenant B sees nothing of tenant A and changes nothing in it.</summary>
public sealed class TenantIsolationTests(ApplicationFixture app) : FunctionalTest(app)
{
    private Actor _otherAdmin = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var platformAdmin = await App.UserAsync(TestUsers.PlatformAdmin);
        _otherAdmin = await App.CreateTenantAsync("other", "admin@other.test");
    }

    [Fact]
    public async Task Admin_of_another_tenant_cannot_list_its_members()
    {
        var result = await App.SendAsync(new GetMembersQuery(), _otherAdmin, TestUsers.DemoTenant);

        result.Error!.Kind.ShouldBe(ErrorKind.NotFound);
    }

    [Fact]
    public async Task Admin_of_another_tenant_cannot_add_change_or_remove_its_members()
    {
        var demoMember = await DemoMembershipId(TestUsers.DemoMember);

        var add = await App.SendAsync(
            new InviteMemberCommand("intruder@other.test", [Permissions.Users.Manage]),
            _otherAdmin,
            TestUsers.DemoTenant
        );
        var grant = await App.SendAsync(
            new UpdateMemberPermissionsCommand(demoMember, [Permissions.Users.Manage]),
            _otherAdmin,
            TestUsers.DemoTenant
        );
        var remove = await App.SendAsync(new RemoveMemberCommand(demoMember), _otherAdmin, TestUsers.DemoTenant);

        add.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        grant.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        remove.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        var memberships = await App.QueryDbAsync(db => db.Memberships.IgnoreQueryFilters().ToListAsync());
        memberships.Single(m => m.Id == demoMember).Permissions.ShouldBe([Permissions.DataConnectors.View]);
        memberships.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_membership_id_of_another_tenant_is_not_found_from_ones_own_tenant()
    {
        var demoMember = await DemoMembershipId(TestUsers.DemoMember);

        var grant = await App.SendAsync(new UpdateMemberPermissionsCommand(demoMember, [Permissions.Users.Manage]), _otherAdmin, "other");
        var remove = await App.SendAsync(new RemoveMemberCommand(demoMember), _otherAdmin, "other");
        var list = await App.SendAsync(new GetMembersQuery(), _otherAdmin, "other");

        grant.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        remove.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        list.Value.Select(m => m.Email).ShouldBe(["admin@other.test"]);
    }

    private Task<Guid> DemoMembershipId(string email) =>
        App.QueryDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var demo = await db.Tenants.SingleAsync(t => t.Slug == TestUsers.DemoTenant);
            return await db
                .Memberships.IgnoreQueryFilters()
                .Where(m => m.UserId == user.Id && m.TenantId == demo.Id)
                .Select(m => m.Id)
                .SingleAsync();
        });
}
