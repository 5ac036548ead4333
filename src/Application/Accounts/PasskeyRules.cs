using FluentValidation;

namespace Natero.Connectors.Application.Accounts;

/// <summary>What a passkey request may carry, shared by adding one and signing in with one.</summary>
public static class PasskeyRules
{
    public const int NameMaxLength = 64;

    /// <summary>An authenticator's answer is a few kilobytes of JSON; anything far beyond that is not one.</summary>
    public const int CredentialMaxLength = 32_768;

    public static IRuleBuilderOptions<T, string> PasskeyCredential<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .WithMessage("Your browser sent no passkey. Try again.")
            .MaximumLength(CredentialMaxLength)
            .WithMessage("That is not a passkey this site can read.");
}
