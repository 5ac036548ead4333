using System.Text.RegularExpressions;
using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Tenants;

/// <summary>The tenant's name in URLs: lowercase letters, digits and single hyphens, 2 to 63 characters.</summary>
public sealed partial record TenantSlug
{
    private TenantSlug(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? value, out TenantSlug slug)
    {
        slug = null!;
        if (value is null)
        {
            return false;
        }

        var normalised = value.Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(normalised))
        {
            return false;
        }

        slug = new TenantSlug(normalised);
        return true;
    }

    public static TenantSlug Parse(string? value) =>
        TryParse(value, out var slug)
            ? slug
            : throw new DomainException(
                "A tenant slug has 2 to 63 lowercase letters, digits or single hyphens, and starts and ends with a letter or digit."
            );

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
