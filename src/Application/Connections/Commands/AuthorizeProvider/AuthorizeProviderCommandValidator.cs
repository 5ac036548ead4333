using FluentValidation;
using Natero.Connectors.Application.Common.Providers;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;

public sealed class AuthorizeProviderCommandValidator : AbstractValidator<AuthorizeProviderCommand>
{
    public AuthorizeProviderCommandValidator(IOAuthProviderRegistry providers) => Include(new AuthorizeInputValidator(providers));
}
