using FluentValidation.TestHelper;
using Natero.Connectors.Application.Tenants.Commands.UpdateMemberPermissions;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.UnitTests.Tenants;

public sealed class UpdateMemberPermissionsCommandValidatorTests
{
    private static readonly Guid MembershipId = Guid.CreateVersion7();

    private readonly UpdateMemberPermissionsCommandValidator _validator = new();

    [Fact]
    public void Known_permissions_for_a_member_are_valid()
    {
        _validator
            .TestValidate(new UpdateMemberPermissionsCommand(MembershipId, [Permissions.Users.Manage, Permissions.Audit.View]))
            .ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Taking_every_permission_away_is_valid()
    {
        _validator.TestValidate(new UpdateMemberPermissionsCommand(MembershipId, [])).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Member_must_be_named()
    {
        _validator
            .TestValidate(new UpdateMemberPermissionsCommand(Guid.Empty, [Permissions.Users.Manage]))
            .ShouldHaveValidationErrorFor(c => c.MembershipId);
    }

    [Fact]
    public void Unknown_permission_is_refused()
    {
        _validator
            .TestValidate(new UpdateMemberPermissionsCommand(MembershipId, [Permissions.Users.Manage, "Users.Delete"]))
            .ShouldHaveValidationErrorFor(c => c.Permissions)
            .WithErrorMessage("Choose permissions from the list.");
    }

    [Fact]
    public void Missing_permission_list_is_a_validation_error()
    {
        _validator.TestValidate(new UpdateMemberPermissionsCommand(MembershipId, null!)).ShouldHaveValidationErrorFor(c => c.Permissions);
    }
}
