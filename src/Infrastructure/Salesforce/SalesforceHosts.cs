using System.Net;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// Which hosts Natero will talk to as Salesforce: https on a trusted suffix, or any loopback
/// address over http when the emulator is allowed. Instance, identity and My Domain hosts must pass.
/// </summary>
internal sealed class SalesforceHosts(SalesforceOptions options)
{
    public bool IsTrusted(Uri uri)
    {
        if (!uri.IsAbsoluteUri || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        if (options.AllowLoopbackHttp && IsLoopback(uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return true;
        }

        return uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && HasTrustedSuffix(uri.IdnHost);
    }

    /// <summary>
    /// Turns what an admin typed (<c>acme</c>, <c>acme.my.salesforce.com</c>, a full URL) into
    /// <c>https://acme.my.salesforce.com</c> and refuses anything not on a trusted host.
    /// </summary>
    public Result<Uri> NormaliseMyDomain(string? input)
    {
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > 255)
        {
            return Invalid("Enter your My Domain, for example acme.my.salesforce.com.");
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = text.Contains('.', StringComparison.Ordinal) ? $"https://{text}" : $"https://{text}.my.salesforce.com";
        }

        if (
            !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.PathAndQuery is not ("/" or "")
            || !string.IsNullOrEmpty(uri.Fragment)
        )
        {
            return Invalid("A My Domain is a host name such as acme.my.salesforce.com, without a path.");
        }

        if (!IsTrusted(uri))
        {
            return Invalid($"{uri.Host} is not a Salesforce host. My Domains end in {string.Join(" or ", options.TrustedHostSuffixes)}.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }

    private bool HasTrustedSuffix(string host) =>
        options.TrustedHostSuffixes.Any(suffix =>
            host.Equals(suffix, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + suffix.TrimStart('.'), StringComparison.OrdinalIgnoreCase)
        );

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static Error Invalid(string message) =>
        Error.Invalid("invalid_my_domain", message) with
        {
            Fields = new Dictionary<string, string[]> { ["Host"] = [message] },
        };
}
