using FluentValidation;
using Natero.Connectors.Application.Common;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Application.Connections.Commands.AuthorizeProvider;

/// <summary>
/// The rules of <see cref="IAuthorizeInput"/>, included by the validator of each request that carries it, so
/// that a bad input is refused with the same words wherever it arrives. What each provider needs (an environment,
/// a host of the person's own) comes from its descriptor.
/// </summary>
public sealed class AuthorizeInputValidator : AbstractValidator<IAuthorizeInput>
{
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
        RuleFor(c => c.Environment)
            .Must(
                (input, environment) =>
                    providers.Find(input.Provider)?.Descriptor is not { } d || d.FindEnvironment(environment) is not null
            )
            .WithMessage(input => ChooseEnvironment(providers.Find(input.Provider)!.Descriptor));
        RuleFor(c => c.Host).MaximumLength(SignInSite.HostMaxLength);

        // The provider itself checks the host (its own hosts only, never an arbitrary one), before anything is stored.
        RuleFor(c => c.Host)
            .Custom(
                (host, context) =>
                {
                    var input = context.InstanceToValidate;
                    var descriptor = providers.Find(input.Provider)?.Descriptor;
                    if (descriptor?.FindEnvironment(input.Environment) is not { NeedsHost: true } environment)
                    {
                        return;
                    }

                    if (string.IsNullOrWhiteSpace(host))
                    {
                        context.AddFailure($"Enter your {environment.HostLabel}, for example {environment.HostExample}.");
                    }
                    else if (
                        host.Length <= SignInSite.HostMaxLength
                        && providers.Find(input.Provider)!.ResolveSite(input.Environment, host) is { IsSuccess: false } site
                    )
                    {
                        context.AddFailure(site.Error!.Message);
                    }
                }
            );
        RuleFor(c => c.ReturnUrl).MaximumLength(2048).Must(u => u is null || LocalReturnUrl.IsLocal(u)).WithMessage(ReturnUrlMessage);
    }

    private static string ChooseEnvironment(ProviderDescriptor provider) =>
        provider.Environments.Select(e => e.Label).ToList() switch
        {
            [] => $"{provider.DisplayName} takes no environment.",
            [var only] => $"{provider.DisplayName} has one environment: {only}.",
            [.. var first, var last] => $"Choose {string.Join(", ", first)} or {last}.",
        };

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
