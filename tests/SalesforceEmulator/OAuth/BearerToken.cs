using System.Net.Http.Headers;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

internal static class BearerToken
{
    /// <summary>The access token of <c>Authorization: Bearer</c> (or Salesforce's older <c>OAuth</c> scheme).</summary>
    public static string? Read(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
        && (
            string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.Equals(header.Scheme, "OAuth", StringComparison.OrdinalIgnoreCase)
        )
            ? header.Parameter
            : null;
}
