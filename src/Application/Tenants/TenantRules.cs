using FluentValidation;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Application.Tenants;

internal static class TenantRules
{
    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .WithMessage("Enter an email address.")
            .MaximumLength(256)
            .EmailAddress()
            .WithMessage("Enter a valid email address.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>> KnownPermissions<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule) =>
        rule.NotNull().Must(ps => ps is null || ps.All(Permissions.IsKnown)).WithMessage("Choose permissions from the list.");

    public static IRuleBuilderOptions<T, string> ValidSlug<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(s => TenantSlug.TryParse(s, out _))
            .WithMessage("Use 2 to 63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit.");

    /// <summary>A tenant always keeps someone who can manage its users.</summary>
    public const string LastUserManagerMessage =
        "This is the last member who can manage users. Give another member \"Manage users\" first.";
}
