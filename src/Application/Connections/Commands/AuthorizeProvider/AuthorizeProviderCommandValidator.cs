using FluentValidation;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;

public sealed class AuthorizeProviderCommandValidator : AbstractValidator<AuthorizeProviderCommand>
{
    public AuthorizeProviderCommandValidator()
    {
        RuleFor(c => c.Provider).NotEmpty().WithMessage("Choose a provider.").MaximumLength(32);
        RuleFor(c => c.Environment).IsInEnum().WithMessage("Choose Production, Sandbox or My Domain.");
        RuleFor(c => c.MyDomainHost)
            .NotEmpty().WithMessage("Enter your My Domain, for example acme.my.salesforce.com.")
            .MaximumLength(255)
            .When(c => c.Environment == ConnectionEnvironment.MyDomain);
        RuleFor(c => c.ReturnUrl).MaximumLength(2048);
    }
}
