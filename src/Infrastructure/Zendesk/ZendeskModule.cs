using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Infrastructure.Providers;
using Polly;

namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>Zendesk's options, HTTP client and adapter.</summary>
internal sealed class ZendeskModule : IProviderModule
{
    public int Order => 2;

    /// <summary>
    /// Zendesk behind its own typed client and the standard resilience handler: GETs retried with backoff, POSTs and
    /// DELETEs (code exchange, refresh, revoke) sent once, a breaker per account host, Zendesk:Timeout per attempt.
    /// </summary>
    public void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ZendeskOptions>().Bind(configuration.GetSection(ZendeskOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ZendeskOptions>, ZendeskOptionsValidator>();
        services
            .AddHttpClient<IZendeskClient, ZendeskClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .SelectPipelineByAuthority()
            .Configure(ConfigureResilience);
        services.AddScoped<IOAuthProvider, ZendeskOAuthProvider>();
    }

    private static void ConfigureResilience(HttpStandardResilienceOptions options, IServiceProvider services)
    {
        ZendeskOptions zendesk;
        try
        {
            zendesk = services.GetRequiredService<IOptions<ZendeskOptions>>().Value;
        }
        catch (OptionsValidationException)
        {
            // Start-up stops on the Zendesk options themselves, naming the key.
            return;
        }

        options.AttemptTimeout.Timeout = zendesk.Timeout;
        options.TotalRequestTimeout.Timeout = zendesk.Timeout * 2;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(
            Math.Max(TimeSpan.FromSeconds(30).Ticks, (zendesk.Timeout * 2).Ticks)
        );
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.ShouldRetryAfterHeader = true;
        options.Retry.DisableForUnsafeHttpMethods();
    }
}
