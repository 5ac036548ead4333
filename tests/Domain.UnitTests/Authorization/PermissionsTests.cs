using System.Reflection;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Domain.UnitTests.Authorization;

public sealed class PermissionsTests
{
    [Fact]
    public void All_lists_every_permission_constant_exactly_once()
    {
        var constants = typeof(Permissions)
            .GetNestedTypes()
            .SelectMany(group => group.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
        var listed = Permissions.All.Select(p => p.Name).ToList();

        constants.ShouldNotBeEmpty();
        listed.Count.ShouldBe(listed.Distinct(StringComparer.Ordinal).Count());
        listed.ShouldBe(constants, ignoreOrder: true);
    }

    [Fact]
    public void Configure_data_connectors_is_the_name_people_see_for_DataConnectors_Configure()
    {
        Permissions.DisplayName(Permissions.DataConnectors.Configure).ShouldBe("Configure data connectors");
    }

    [Fact]
    public void Every_permission_has_words_for_people()
    {
        Permissions.All.ShouldAllBe(p => !string.IsNullOrWhiteSpace(p.DisplayName) && !string.IsNullOrWhiteSpace(p.Description));
        Permissions.All.Select(p => p.DisplayName).Distinct(StringComparer.Ordinal).Count().ShouldBe(Permissions.All.Count);
    }

    [Fact]
    public void Unknown_permission_is_not_known_and_shows_as_itself()
    {
        Permissions.IsKnown("DataConnectors.Delete").ShouldBeFalse();
        Permissions.DisplayName("DataConnectors.Delete").ShouldBe("DataConnectors.Delete");
    }

    [Fact]
    public void Platform_roles_are_not_tenant_permissions()
    {
        PlatformRoles.All.ShouldAllBe(role => !Permissions.IsKnown(role));
    }

    [Fact]
    public void A3_a_platform_admin_covers_the_auditor_role_but_an_auditor_does_not_cover_the_admin_role()
    {
        HashSet<string> admin = [PlatformRoles.PlatformAdmin];
        HashSet<string> auditor = [PlatformRoles.PlatformAuditor];

        PlatformRoles.Covers(admin, PlatformRoles.PlatformAdmin).ShouldBeTrue();
        PlatformRoles.Covers(admin, PlatformRoles.PlatformAuditor).ShouldBeTrue();
        PlatformRoles.Covers(auditor, PlatformRoles.PlatformAuditor).ShouldBeTrue();
        PlatformRoles.Covers(auditor, PlatformRoles.PlatformAdmin).ShouldBeFalse();
        PlatformRoles.Covers(new HashSet<string>(), PlatformRoles.PlatformAuditor).ShouldBeFalse();
    }
}
