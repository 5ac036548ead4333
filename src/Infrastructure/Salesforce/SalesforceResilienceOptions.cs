namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// How Natero rides out Salesforce's bad moments (<c>Salesforce:Resilience:*</c>). Only GETs are retried
/// (never the code exchange, a refresh or a revoke); the breaker counts failures per Salesforce host.
/// </summary>
public sealed class SalesforceResilienceOptions
{
    /// <summary>Retries after the first try of a GET that failed transiently (5xx, 408, 429, timeout, network error); 0 to 5.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First backoff delay; it doubles with each retry, with jitter. A Retry-After header takes precedence.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of failed calls to one host, within the sampling duration, that opens its circuit.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Calls to one host within the sampling duration before the breaker may open.</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    /// <summary>Window over which the breaker counts; at least twice <c>Salesforce:Timeout</c>.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit rejects calls to its host before letting one through to test it.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one call including its retries: twice <c>Salesforce:Timeout</c>.</summary>
    public static TimeSpan TotalTimeout(TimeSpan attemptTimeout) => attemptTimeout * 2;
}
