using FluentValidation;

namespace Natero.Connectors.Application.Tenants.Commands.CreateTenant;

public sealed class CreateTenantCommandValidator : AbstractValidator<CreateTenantCommand>
{
    public CreateTenantCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the tenant's name.").MaximumLength(200);
        RuleFor(c => c.Slug).ValidSlug();
        RuleFor(c => c.AdminEmail).ValidEmail();
    }
}
