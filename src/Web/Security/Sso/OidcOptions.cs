using System.Net;
using System.Text.RegularExpressions;
using Natero.Connectors.Domain.Common;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Web.Security.Sso;

/// <summary><c>Authentication:Oidc</c>: the single sign-on providers (README, "Single sign-on").</summary>
public sealed partial class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    public Dictionary<string, OidcProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Lets a provider on a loopback address use http: the emulator, tests and the offline demo.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>What is wrong with the settings, one sentence each naming the key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, provider) in Providers)
        {
            var key = $"{Section}:Providers:{name}";
            if (!ProviderName().IsMatch(name))
            {
                problems.Add(
                    $"{key}: a provider name is 1 to 32 lower-case letters, digits or "
                        + $"'-' (it is part of the callback path /signin-oidc/{{name}})."
                );
            }

            if (
                !Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority)
                || !string.IsNullOrEmpty(authority.Query)
                || !string.IsNullOrEmpty(authority.Fragment)
            )
            {
                problems.Add($"{key}:Authority must be the provider's absolute issuer URL, such as https://login.example.com/tenant.");
            }
            else if (
                authority.Scheme != Uri.UriSchemeHttps
                && !(authority.Scheme == Uri.UriSchemeHttp && AllowLoopbackHttp && IsLoopback(authority))
            )
            {
                problems.Add(
                    $"{key}:Authority must use https; http is accepted only on a "
                        + $"loopback address with {Section}:AllowLoopbackHttp set to true."
                );
            }

            if (string.IsNullOrWhiteSpace(provider.ClientId))
            {
                problems.Add($"{key}:ClientId is required: the client id the provider gave this app.");
            }

            if (string.IsNullOrWhiteSpace(provider.ClientSecret))
            {
                problems.Add($"{key}:ClientSecret is required: the client secret the provider gave this app.");
            }

            var scopes = provider.ScopeList();
            if (!scopes.Contains("openid", StringComparer.Ordinal) || !scopes.Contains("email", StringComparer.Ordinal))
            {
                problems.Add($"{key}:Scopes must include openid and email (default \"{OidcProviderOptions.DefaultScopes}\").");
            }

            try
            {
                EmailDomains.Normalise(provider.EmailDomains);
            }
            catch (DomainException ex)
            {
                problems.Add($"{key}:EmailDomains: {ex.Message}");
            }
        }

        return problems;
    }

    /// <summary>Whether the address is loopback: 127.0.0.0/8, ::1, or the name localhost.</summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderName();
}
