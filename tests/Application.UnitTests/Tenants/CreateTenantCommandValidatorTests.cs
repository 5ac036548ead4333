using FluentValidation.TestHelper;
using Natero.Connectors.Application.Tenants.Commands.CreateTenant;

namespace Natero.Connectors.Application.UnitTests.Tenants;

public sealed class CreateTenantCommandValidatorTests
{
    private readonly CreateTenantCommandValidator _validator = new();

    [Theory]
    [InlineData("Acme Ltd", "acme", "admin@acme.example")]
    [InlineData("Acme Ltd", "Acme-Corp", "admin@acme.example")]
    [InlineData("A", "a1", "a@b")]
    public void Good_tenant_is_valid(string name, string slug, string adminEmail)
    {
        _validator.TestValidate(new CreateTenantCommand(name, slug, adminEmail)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("", "Enter the tenant's name.")]
    [InlineData("   ", "Enter the tenant's name.")]
    public void Tenant_needs_a_name(string name, string message)
    {
        _validator
            .TestValidate(new CreateTenantCommand(name, "acme", "admin@acme.example"))
            .ShouldHaveValidationErrorFor(c => c.Name)
            .WithErrorMessage(message);
    }

    [Fact]
    public void Tenant_name_is_at_most_200_characters()
    {
        _validator
            .TestValidate(new CreateTenantCommand(new string('a', 201), "acme", "admin@acme.example"))
            .ShouldHaveValidationErrorFor(c => c.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("acme--corp")]
    [InlineData("acme corp")]
    [InlineData("café")]
    public void Slug_must_be_a_valid_tenant_slug(string slug)
    {
        _validator
            .TestValidate(new CreateTenantCommand("Acme", slug, "admin@acme.example"))
            .ShouldHaveValidationErrorFor(c => c.Slug)
            .WithErrorMessage("Use 2 to 63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit.");
    }

    [Theory]
    [InlineData("", "Enter an email address.")]
    [InlineData("not-an-email", "Enter a valid email address.")]
    [InlineData("admin@", "Enter a valid email address.")]
    [InlineData("@acme.example", "Enter a valid email address.")]
    public void Admin_email_must_be_an_email_address(string email, string message)
    {
        _validator
            .TestValidate(new CreateTenantCommand("Acme", "acme", email))
            .ShouldHaveValidationErrorFor(c => c.AdminEmail)
            .WithErrorMessage(message);
    }

    [Fact]
    public void Admin_email_is_at_most_256_characters()
    {
        var email = new string('a', 250) + "@acme.example";

        _validator.TestValidate(new CreateTenantCommand("Acme", "acme", email)).ShouldHaveValidationErrorFor(c => c.AdminEmail);
    }
}
