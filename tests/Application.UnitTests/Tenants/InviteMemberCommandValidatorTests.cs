using FluentValidation.TestHelper;
using Natero.Connectors.Application.Tenants.Invitations.Commands.InviteMember;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Application.UnitTests.Tenants;

public sealed class InviteMemberCommandValidatorTests
{
    private readonly InviteMemberCommandValidator _validator = new();

    public static TheoryData<string[]> GoodPermissions =>
        new() { Array.Empty<string>(), new[] { Permissions.DataConnectors.View }, Permissions.All.Select(p => p.Name).ToArray() };

    [Theory]
    [MemberData(nameof(GoodPermissions))]
    public void Good_member_is_valid(string[] permissions)
    {
        _validator.TestValidate(new InviteMemberCommand("grace@acme.example", permissions)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("", "Enter an email address.")]
    [InlineData("grace", "Enter a valid email address.")]
    public void Member_needs_an_email_address(string email, string message)
    {
        _validator
            .TestValidate(new InviteMemberCommand(email, [Permissions.DataConnectors.View]))
            .ShouldHaveValidationErrorFor(c => c.Email)
            .WithErrorMessage(message);
    }

    [Theory]
    [InlineData("DataConnectors.Delete")]
    [InlineData("dataconnectors.view")]
    [InlineData("PlatformAdmin")]
    public void Unknown_permission_is_refused(string permission)
    {
        _validator
            .TestValidate(new InviteMemberCommand("grace@acme.example", [Permissions.DataConnectors.View, permission]))
            .ShouldHaveValidationErrorFor(c => c.Permissions)
            .WithErrorMessage("Choose permissions from the list.");
    }

    [Fact]
    public void Missing_permission_list_is_a_validation_error()
    {
        _validator.TestValidate(new InviteMemberCommand("grace@acme.example", null!)).ShouldHaveValidationErrorFor(c => c.Permissions);
    }
}
