using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Domain.UnitTests.Tenants;

public sealed class MembershipTests
{
    [Fact]
    public void Created_membership_holds_each_given_permission_once()
    {
        var membership = Create(Permissions.Users.Manage, Permissions.DataConnectors.View, Permissions.Users.Manage);

        membership.Permissions.ShouldBe([Permissions.DataConnectors.View, Permissions.Users.Manage], ignoreOrder: true);
    }

    [Fact]
    public void Granting_adds_a_permission_once_and_revoking_removes_it()
    {
        var membership = Create(Permissions.DataConnectors.View);

        membership.Grant(Permissions.DataConnectors.Configure);
        membership.Grant(Permissions.DataConnectors.Configure);
        membership.Has(Permissions.DataConnectors.Configure).ShouldBeTrue();
        membership.Permissions.Count.ShouldBe(2);

        membership.Revoke(Permissions.DataConnectors.Configure);
        membership.Has(Permissions.DataConnectors.Configure).ShouldBeFalse();
        membership.Permissions.ShouldBe([Permissions.DataConnectors.View]);
    }

    [Fact]
    public void Setting_permissions_replaces_the_set_and_reports_what_was_granted_and_revoked()
    {
        var membership = Create(Permissions.DataConnectors.View, Permissions.Users.Manage, Permissions.Audit.View);

        var change = membership.SetPermissions([
            Permissions.DataConnectors.View,
            Permissions.DataConnectors.Configure,
            Permissions.ApiKeys.Manage,
        ]);

        change.Granted.ShouldBe([Permissions.ApiKeys.Manage, Permissions.DataConnectors.Configure]);
        change.Revoked.ShouldBe([Permissions.Audit.View, Permissions.Users.Manage]);
        change.IsEmpty.ShouldBeFalse();
        membership.Permissions.ShouldBe(
            [Permissions.DataConnectors.View, Permissions.DataConnectors.Configure, Permissions.ApiKeys.Manage],
            ignoreOrder: true
        );
    }

    [Fact]
    public void Setting_the_same_permissions_is_an_empty_change()
    {
        var membership = Create(Permissions.DataConnectors.View, Permissions.Users.Manage);

        var change = membership.SetPermissions([Permissions.Users.Manage, Permissions.DataConnectors.View]);

        change.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void Permissions_are_case_sensitive()
    {
        Should.Throw<DomainException>(() => Create("dataconnectors.view"));
    }

    [Theory]
    [InlineData("DataConnectors.Delete")]
    [InlineData("PlatformAdmin")]
    [InlineData("")]
    public void Unknown_permission_is_refused_everywhere_and_changes_nothing(string unknown)
    {
        var membership = Create(Permissions.DataConnectors.View);

        Should.Throw<DomainException>(() => membership.Grant(unknown)).Message.ShouldContain($"'{unknown}'");
        Should.Throw<DomainException>(() => membership.Revoke(unknown));
        Should.Throw<DomainException>(() => membership.SetPermissions([Permissions.Users.Manage, unknown]));
        Should.Throw<DomainException>(() => Create(unknown));

        membership.Permissions.ShouldBe([Permissions.DataConnectors.View]);
    }

    [Fact]
    public void Membership_needs_a_tenant_and_a_user()
    {
        Should.Throw<DomainException>(() => Membership.Create(Guid.CreateVersion7(), Guid.Empty, Guid.CreateVersion7(), []));
        Should.Throw<DomainException>(() => Membership.Create(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.Empty, []));
    }

    private static Membership Create(params string[] permissions) =>
        Membership.Create(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), permissions);
}
