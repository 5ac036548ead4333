using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>Client id and secret from the form (Salesforce's usual way) or from HTTP Basic.</summary>
internal sealed record ClientCredentials(string? ClientId, string? ClientSecret)
{
    public static ClientCredentials Read(HttpRequest request, IFormCollection form)
    {
        if (form.ContainsKey("client_id"))
        {
            return new ClientCredentials(form["client_id"], form.TryGetValue("client_secret", out var secret) ? secret.ToString() : null);
        }

        if (
            AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && TryDecode(header.Parameter) is { } pair
            && pair.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
        )
        {
            return new ClientCredentials(WebUtility.UrlDecode(pair[..colon]), WebUtility.UrlDecode(pair[(colon + 1)..]));
        }

        return new ClientCredentials(null, null);
    }

    public bool SecretMatches(ConnectedApp app) =>
        ClientSecret is not null
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(ClientSecret),
            Encoding.UTF8.GetBytes(app.ClientSecret)
        );

    private static string? TryDecode(string? base64)
    {
        try
        {
            return base64 is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
