using FluentValidation;

namespace Natero.Connectors.Application.Accounts;

internal static class AccountRules
{
    /// <summary>Identity's own rules (length 12 and up) judge the password; this only keeps it sane.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Choose a password.").MaximumLength(256).WithMessage("Use at most 256 characters.");

    public static IRuleBuilderOptions<T, string> SignInEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .WithMessage("Enter your email address.")
            .MaximumLength(256)
            .EmailAddress()
            .WithMessage("Enter a valid email address.");
}
