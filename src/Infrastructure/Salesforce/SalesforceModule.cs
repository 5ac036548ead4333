using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Infrastructure.Providers;
using Polly;

namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>Salesforce's options, HTTP clients and adapter.</summary>
internal sealed class SalesforceModule : IProviderModule
{
    public int Order => 0;

    public void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SalesforceOptions>().Bind(configuration.GetSection(SalesforceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SalesforceOptions>, SalesforceOptionsValidator>();

        // The resilience pipeline owns the timeouts (per attempt and in total), so HttpClient's own is off.
        services
            .AddHttpClient<ISalesforceClient, SalesforceClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddProviderTelemetry(SalesforceOAuthProvider.Key)
            .AddStandardResilienceHandler()
            .SelectPipelineByAuthority()
            .Configure(ConfigureResilience);
        services
            .AddHttpClient<ISalesforceApi, SalesforceApi>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddProviderTelemetry(SalesforceOAuthProvider.Key)
            .AddStandardResilienceHandler()
            .SelectPipelineByAuthority()
            .Configure(ConfigureResilience);
        services.AddScoped<IOAuthProvider, SalesforceOAuthProvider>();
    }

    /// <summary>
    /// The policies README's "Keeping connections working" lists: GETs only are retried, with exponential
    /// backoff and jitter, honouring Retry-After; POSTs (the code exchange, a refresh that rotates the refresh
    /// token, a revoke) are sent once. One circuit breaker per Salesforce host (SelectPipelineByAuthority),
    /// so one org's outage leaves the others alone. Each attempt gets Salesforce:Timeout, the whole call twice that.
    /// </summary>
    private static void ConfigureResilience(HttpStandardResilienceOptions options, IServiceProvider services)
    {
        SalesforceOptions salesforce;
        try
        {
            salesforce = services.GetRequiredService<IOptions<SalesforceOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Start-up stops on the Salesforce options themselves, naming the key; keep the defaults here
            // so that the failure is reported once rather than once per client as well.
            return;
        }

        var resilience = salesforce.Resilience;

        options.AttemptTimeout.Timeout = salesforce.Timeout;
        options.TotalRequestTimeout.Timeout = SalesforceResilienceOptions.TotalTimeout(salesforce.Timeout);

        options.Retry.MaxRetryAttempts = Math.Max(1, resilience.MaxRetries);
        if (resilience.MaxRetries == 0)
        {
            options.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }

        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.Delay = resilience.RetryBaseDelay;
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.DisableForUnsafeHttpMethods();

        options.CircuitBreaker.FailureRatio = resilience.CircuitFailureRatio;
        options.CircuitBreaker.MinimumThroughput = resilience.CircuitMinimumThroughput;
        options.CircuitBreaker.SamplingDuration = resilience.CircuitSamplingDuration;
        options.CircuitBreaker.BreakDuration = resilience.CircuitBreakDuration;
    }
}
