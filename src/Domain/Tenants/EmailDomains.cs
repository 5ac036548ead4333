using System.Text.RegularExpressions;
using Natero.Connectors.Domain.Common;

namespace Natero.Connectors.Domain.Tenants;

/// <summary>Email domains as policies name them: lower case, no <c>@</c>, at least one dot.</summary>
public static partial class EmailDomains
{
    public const int MaxCount = 20;

    /// <summary>Trimmed, lower case, without duplicates, sorted; a value that is not a domain is refused.</summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string> domains)
    {
        var normalised = domains
            .Select(d => d.Trim().TrimStart('@').ToLowerInvariant())
            .Where(d => d.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var domain in normalised)
        {
            if (!IsDomain(domain))
            {
                throw new DomainException($"\"{domain}\" is not an email domain such as example.com.");
            }
        }

        if (normalised.Count > MaxCount)
        {
            throw new DomainException($"At most {MaxCount} email domains.");
        }

        return normalised;
    }

    public static bool IsDomain(string value) => value.Length <= 253 && DomainPattern().IsMatch(value);

    /// <summary>The domain of an email address, lower case, or null when it has none.</summary>
    public static string? Of(string email)
    {
        var at = email.Trim().LastIndexOf('@');
        return at < 0 || at == email.Trim().Length - 1 ? null : email.Trim()[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>Whether the email's domain is one of the domains (exactly: a subdomain is another domain).</summary>
    public static bool Contains(IEnumerable<string> domains, string email) =>
        Of(email) is { } domain && domains.Contains(domain, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
