using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>The Zendesk OAuth client and where Zendesk accounts live (<c>Zendesk:*</c>).</summary>
public sealed class ZendeskOptions
{
    public const string Section = "Zendesk";

    /// <summary>The OAuth client's unique identifier; a global client (<c>zdg-...</c>) works on every account.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? CallbackUrl { get; set; }

    /// <summary>Space separated; Natero reads, so <c>read</c> is enough.</summary>
    public string Scopes { get; set; } = "read";

    /// <summary>Every account lives at <c>https://{subdomain}.{HostSuffix}</c>.</summary>
    public string HostSuffix { get; set; } = "zendesk.com";

    /// <summary>Also accepts a loopback origin typed in full (<c>http://127.0.0.1:PORT</c>): the emulator, never production.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>Longest wait for one Zendesk call before giving up with a clear message.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(CallbackUrl);
}

/// <summary>Start-up checks with messages that name the key to fix. No client id is allowed: the app starts and says so.</summary>
internal sealed class ZendeskOptionsValidator : IValidateOptions<ZendeskOptions>
{
    public ValidateOptionsResult Validate(string? name, ZendeskOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.ClientId) && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Zendesk:ClientSecret is required when Zendesk:ClientId is set.");
        }

        if (
            !string.IsNullOrWhiteSpace(options.ClientId)
            && (
                !Uri.TryCreate(options.CallbackUrl, UriKind.Absolute, out var callback)
                || (callback.Scheme != Uri.UriSchemeHttps && !callback.IsLoopback)
            )
        )
        {
            failures.Add(
                "Zendesk:CallbackUrl must be the absolute https URL registered as a redirect URL on the Zendesk OAuth client, "
                    + "e.g. https://natero.example.com/oauth/callback/zendesk (http only for localhost)."
            );
        }

        if (string.IsNullOrWhiteSpace(options.Scopes))
        {
            failures.Add("Zendesk:Scopes must name at least one scope, e.g. read.");
        }

        if (!ZendeskHosts.IsValidSuffix(options.HostSuffix))
        {
            failures.Add("Zendesk:HostSuffix must be a domain name such as zendesk.com (letters, digits, hyphens and dots).");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Zendesk:Timeout must be between 0 and 2 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
