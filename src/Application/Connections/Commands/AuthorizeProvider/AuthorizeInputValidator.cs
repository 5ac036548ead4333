using FluentValidation;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;

/// <summary>
/// The rules of <see cref="IAuthorizeInput"/>, included by the validator of each request that carries it, so
/// that a bad input is refused with the same words wherever it arrives. The My Domain host is checked by
/// the provider itself (its trusted hosts), before anything is stored.
/// </summary>
public sealed class AuthorizeInputValidator : AbstractValidator<IAuthorizeInput>
{
    /// <summary>The longest DNS name; also what a link stores, whatever the environment.</summary>
    private const int MyDomainHostMaxLength = 253;

    private const string ReturnUrlMessage = "returnUrl must be a path within Natero, such as /t/acme/settings/it-administration/oauth.";

    public AuthorizeInputValidator(IOAuthProviderRegistry providers)
    {
        RuleFor(c => c.Provider)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .WithMessage("Choose a provider.")
            .MaximumLength(32)
            .Must(p => providers.Find(p) is not null)
            .WithMessage(c => UnknownProvider(c.Provider).Message);
        RuleFor(c => c.Environment).IsInEnum().WithMessage("Choose Production, Sandbox or My Domain.");
        RuleFor(c => c.MyDomainHost).MaximumLength(MyDomainHostMaxLength);
        RuleFor(c => c.MyDomainHost)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .WithMessage("Enter your My Domain, for example acme.my.salesforce.com.")
            .Custom(
                (host, context) =>
                {
                    var input = context.InstanceToValidate;
                    if (
                        host!.Length <= MyDomainHostMaxLength
                        && providers.Find(input.Provider)?.ResolveLoginUrl(input.Environment, host) is { IsSuccess: false } login
                    )
                    {
                        context.AddFailure(login.Error!.Message);
                    }
                }
            )
            .When(c => c.Environment == ConnectionEnvironment.MyDomain);
        RuleFor(c => c.ReturnUrl).MaximumLength(2048).Must(u => u is null || LocalReturnUrl.IsLocal(u)).WithMessage(ReturnUrlMessage);
    }

    /// <summary>The refusal of a provider Natero does not know, from this validator or a handler that looks the provider up.</summary>
    public static Error UnknownProvider(string? provider)
    {
        var message = $"\"{provider}\" is not a provider Natero can connect. GET /api/v1/providers lists them.";
        return Error.Invalid("unknown_provider", message) with
        {
            Fields = new Dictionary<string, string[]> { [nameof(IAuthorizeInput.Provider)] = [message] },
        };
    }
}
