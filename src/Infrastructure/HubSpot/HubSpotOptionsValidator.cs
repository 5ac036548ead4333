using System.Net;
using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>Start-up checks with messages that name the key to fix. No client id is allowed: the app starts and says so.</summary>
internal sealed class HubSpotOptionsValidator : IValidateOptions<HubSpotOptions>
{
    public ValidateOptionsResult Validate(string? name, HubSpotOptions options)
    {
        var failures = new List<string>();
        var configured = !string.IsNullOrWhiteSpace(options.ClientId);
        if (configured && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("HubSpot:ClientSecret is required when HubSpot:ClientId is set.");
        }

        if (configured && !IsCallback(options.CallbackUrl))
        {
            failures.Add(
                "HubSpot:CallbackUrl must be the absolute redirect URL registered on the HubSpot app, over https (http only on "
                    + "localhost), e.g. https://natero.example.com/oauth/callback/hubspot."
            );
        }

        if (string.IsNullOrWhiteSpace(options.Scopes))
        {
            failures.Add("HubSpot:Scopes must name at least one scope (HubSpot's default is \"oauth\").");
        }

        foreach (
            var (key, value) in new[]
            {
                ("AuthorizeUrl", options.AuthorizeUrl),
                ("TokenUrl", options.TokenUrl),
                ("ApiBaseUrl", options.ApiBaseUrl),
            }
        )
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !IsAllowed(uri, options.AllowLoopbackHttp))
            {
                failures.Add(
                    $"HubSpot:{key} must be an absolute https URL, or a loopback http URL with HubSpot:AllowLoopbackHttp set to true."
                );
            }
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("HubSpot:AccessTokenLifetime must be between 0 and 1 day.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("HubSpot:Timeout must be between 0 and 2 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>https, or loopback http when the emulator is allowed; never credentials in the URL.</summary>
    internal static bool IsAllowed(Uri uri, bool allowLoopbackHttp) =>
        string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    /// <summary>HubSpot takes https redirect URLs, and http ones on localhost for development.</summary>
    private static bool IsCallback(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
