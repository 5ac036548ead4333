using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Infrastructure.Providers;
using Polly;

namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>The HubSpot provider, its options (validated at start-up) and its HTTP client.</summary>
internal sealed class HubSpotModule : IProviderModule
{
    public int Order => 1;

    public void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HubSpotOptions>().Bind(configuration.GetSection(HubSpotOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HubSpotOptions>, HubSpotOptionsValidator>();

        // The resilience pipeline owns the timeouts (per attempt and in total), so HttpClient's own is off.
        services
            .AddHttpClient<HubSpotClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .SelectPipelineByAuthority()
            .Configure(ConfigureResilience);
        services.AddScoped<IOAuthProvider, HubSpotOAuthProvider>();
    }

    /// <summary>
    /// GETs (the probe, the account details) are retried with backoff and jitter, honouring Retry-After (HubSpot answers 429
    /// when an app goes over its limits); POSTs (the code exchange, a refresh, introspection, a revoke) are sent once. One
    /// breaker per host. Each attempt gets HubSpot:Timeout, the whole call twice that.
    /// </summary>
    private static void ConfigureResilience(HttpStandardResilienceOptions options, IServiceProvider services)
    {
        HubSpotOptions hubSpot;
        try
        {
            hubSpot = services.GetRequiredService<IOptions<HubSpotOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Start-up stops on the HubSpot options themselves, naming the key; keep the defaults here.
            return;
        }

        options.AttemptTimeout.Timeout = hubSpot.Timeout;
        options.TotalRequestTimeout.Timeout = hubSpot.Timeout * 2;
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.DisableForUnsafeHttpMethods();
        var sampling = hubSpot.Timeout * 2;
        options.CircuitBreaker.SamplingDuration =
            sampling > options.CircuitBreaker.SamplingDuration ? sampling : options.CircuitBreaker.SamplingDuration;
    }
}
