using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;
using Natero.Connectors.Application.Tenants.Queries.ListMyTenants;
using Natero.Connectors.Application.Tenants.Queries.ListTenants;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Tests.Shared;

namespace Natero.Connectors.Application.FunctionalTests.Tenants;

public sealed class CreateTenantTests(ApplicationFixture app) : FunctionalTest(app)
{
    [Fact]
    public async Task Platform_admin_creates_a_tenant_and_its_invited_admin_joins_with_every_permission()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);

        var result = await App.SendAsync(new CreateTenantCommand("Acme Corp", "acme", "owner@acme.test"), admin);

        result.IsSuccess.ShouldBeTrue();
        result.Value.Slug.ShouldBe("acme");
        (await App.QueryDbAsync(db => db.Users.AnyAsync(u => u.Email == "owner@acme.test"))).ShouldBeFalse();
        var email = await App.LastEmailToAsync("owner@acme.test");
        email.Subject.ShouldContain("Acme Corp");
        await App.AcceptInvitationAsync("owner@acme.test");
        var owner = await App.UserAsync("owner@acme.test");
        var tenants = await App.SendAsync(new ListMyTenantsQuery(), owner);
        tenants.Value.Select(t => t.Slug).ShouldBe(["acme"]);
        var membership = await App.QueryDbAsync(db => db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.UserId == owner.UserId));
        membership.Permissions.ShouldBe(Permissions.All.Select(p => p.Name), ignoreOrder: true);
    }

    [Fact]
    public async Task An_existing_account_joins_as_admin_only_after_accepting_signed_in()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);
        var demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new CreateTenantCommand("Second", "second", TestUsers.DemoAdmin), admin);

        result.IsSuccess.ShouldBeTrue();
        (await App.SendAsync(new ListMyTenantsQuery(), demoAdmin)).Value.Select(t => t.Slug).ShouldBe(["demo"]);
        await App.AcceptInvitationAsync(TestUsers.DemoAdmin);
        var mine = await App.SendAsync(new ListMyTenantsQuery(), demoAdmin);
        mine.Value.Select(t => t.Slug).ShouldBe(["demo", "second"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_taken_slug_is_a_conflict()
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);

        var result = await App.SendAsync(new CreateTenantCommand("Other demo", "demo", "x@y.test"), admin);

        result.Error!.Kind.ShouldBe(ErrorKind.Conflict);
    }

    [Theory]
    [InlineData("", "ok-slug", "a@b.test", "Name")]
    [InlineData("Name", "Bad Slug!", "a@b.test", "Slug")]
    [InlineData("Name", "ok-slug", "not-an-email", "AdminEmail")]
    public async Task Invalid_input_is_rejected_naming_the_field(string name, string slug, string email, string field)
    {
        var admin = await App.UserAsync(TestUsers.PlatformAdmin);

        var result = await App.SendAsync(new CreateTenantCommand(name, slug, email), admin);

        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields.Keys.ShouldContain(field);
    }

    [Fact]
    public async Task Anonymous_caller_cannot_create_a_tenant()
    {
        var result = await App.SendAsync(new CreateTenantCommand("X", "x-tenant", "a@b.test"), actor: null);

        result.Error!.Kind.ShouldBe(ErrorKind.Unauthorized);
    }

    [Fact]
    public async Task Tenant_admin_without_the_platform_role_cannot_create_a_tenant()
    {
        var demoAdmin = await App.UserAsync(TestUsers.DemoAdmin);

        var result = await App.SendAsync(new CreateTenantCommand("X", "x-tenant", "a@b.test"), demoAdmin);

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        (await App.QueryDbAsync(db => db.Tenants.CountAsync())).ShouldBe(1);
    }

    [Fact]
    public async Task Platform_auditor_lists_tenants_but_cannot_create_one()
    {
        var auditor = await App.CreateUserAsync("auditor@natero.test", PlatformRoles.PlatformAuditor);

        var list = await App.SendAsync(new ListTenantsQuery(), auditor);
        var create = await App.SendAsync(new CreateTenantCommand("X", "x-tenant", "a@b.test"), auditor);

        list.Value.ShouldHaveSingleItem().MemberCount.ShouldBe(2);
        create.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
    }

    [Fact]
    public async Task Tenant_members_cannot_list_every_tenant()
    {
        var member = await App.UserAsync(TestUsers.DemoMember);

        var result = await App.SendAsync(new ListTenantsQuery(), member);

        result.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
    }
}
