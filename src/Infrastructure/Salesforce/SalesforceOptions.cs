using Microsoft.Extensions.Options;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>The Connected App and where Salesforce lives (<c>Salesforce:*</c>).</summary>
public sealed class SalesforceOptions
{
    public const string Section = "Salesforce";

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? CallbackUrl { get; set; }
    public string ProductionLoginUrl { get; set; } = "https://login.salesforce.com";
    public string SandboxLoginUrl { get; set; } = "https://test.salesforce.com";
    public string Scopes { get; set; } = "api refresh_token id";
    public string ApiVersion { get; set; } = "62.0";
    public IList<string> TrustedHostSuffixes { get; set; } = ["salesforce.com", "force.com"];
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>
    /// How long Natero uses an access token before refreshing it. Salesforce tokens carry no expiry and
    /// end after the org's session timeout of inactivity (2 hours by default); a 401 refreshes sooner.
    /// </summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(90);

    /// <summary>Longest wait for one Salesforce call before giving up with a clear message.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(CallbackUrl);
}

/// <summary>Start-up checks with messages that say what to fix. No client id is allowed: the app starts and says so.</summary>
internal sealed class SalesforceOptionsValidator : IValidateOptions<SalesforceOptions>
{
    public ValidateOptionsResult Validate(string? name, SalesforceOptions options)
    {
        var failures = new List<string>();
        var hosts = new SalesforceHosts(options);
        if (!string.IsNullOrWhiteSpace(options.ClientId) && string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Salesforce:ClientSecret is required when Salesforce:ClientId is set.");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId) && !Uri.TryCreate(options.CallbackUrl, UriKind.Absolute, out _))
        {
            failures.Add("Salesforce:CallbackUrl must be the absolute URL registered in the Connected App, e.g. https://natero.example.com/oauth/callback/salesforce.");
        }

        foreach (var (key, value) in new[] { ("ProductionLoginUrl", options.ProductionLoginUrl), ("SandboxLoginUrl", options.SandboxLoginUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !hosts.IsTrusted(uri))
            {
                failures.Add($"Salesforce:{key} must be an https URL on a trusted host ({string.Join(", ", options.TrustedHostSuffixes)}), or loopback http with Salesforce:AllowLoopbackHttp.");
            }
        }

        if (!Version.TryParse(options.ApiVersion, out _))
        {
            failures.Add("Salesforce:ApiVersion must look like 62.0.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Salesforce:Timeout must be between 0 and 2 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
