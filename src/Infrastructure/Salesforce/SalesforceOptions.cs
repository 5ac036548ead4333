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

    /// <summary>Retries, backoff and the circuit breaker around every Salesforce call (<c>Salesforce:Resilience:*</c>).</summary>
    public SalesforceResilienceOptions Resilience { get; set; } = new();

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret) && !string.IsNullOrWhiteSpace(CallbackUrl);
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
            failures.Add(
                "Salesforce:CallbackUrl must be the absolute URL registered in the "
                    + "Connected App, e.g. https://natero.example.com/oauth/callback/salesforce."
            );
        }

        foreach (
            var (key, value) in new[] { ("ProductionLoginUrl", options.ProductionLoginUrl), ("SandboxLoginUrl", options.SandboxLoginUrl) }
        )
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !hosts.IsTrusted(uri))
            {
                failures.Add(
                    $"Salesforce:{key} must be an https URL on a trusted host "
                        + $"({string.Join(", ", options.TrustedHostSuffixes)}), or loopback http with Salesforce:AllowLoopbackHttp."
                );
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

        ValidateResilience(options.Resilience, options.Timeout, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The standard resilience handler's own rules, said in Natero's keys.</summary>
    private static void ValidateResilience(SalesforceResilienceOptions resilience, TimeSpan timeout, List<string> failures)
    {
        const string Prefix = "Salesforce:Resilience:";
        if (resilience.MaxRetries is < 0 or > 5)
        {
            failures.Add(Prefix + "MaxRetries must be between 0 and 5.");
        }

        if (resilience.RetryBaseDelay < TimeSpan.Zero || resilience.RetryBaseDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add(Prefix + "RetryBaseDelay must be between 0 and 1 minute.");
        }

        if (resilience.CircuitFailureRatio is <= 0 or > 1 || double.IsNaN(resilience.CircuitFailureRatio))
        {
            failures.Add(Prefix + "CircuitFailureRatio must be more than 0 and at most 1, e.g. 0.5.");
        }

        if (resilience.CircuitMinimumThroughput < 2)
        {
            failures.Add(Prefix + "CircuitMinimumThroughput must be at least 2.");
        }

        if (resilience.CircuitBreakDuration < TimeSpan.FromSeconds(0.5) || resilience.CircuitBreakDuration > TimeSpan.FromDays(1))
        {
            failures.Add(Prefix + "CircuitBreakDuration must be between 0.5 seconds and 1 day.");
        }

        if (
            resilience.CircuitSamplingDuration > TimeSpan.FromDays(1)
            || resilience.CircuitSamplingDuration < TimeSpan.FromSeconds(0.5)
            || (timeout > TimeSpan.Zero && resilience.CircuitSamplingDuration < timeout * 2)
        )
        {
            failures.Add(Prefix + "CircuitSamplingDuration must be at most 1 day and at least twice Salesforce:Timeout.");
        }
    }
}
