using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Natero.Connectors.Infrastructure.Providers;

/// <summary>
/// The resilience a provider's typed client gets unless its adapter configures its own: GETs retried
/// twice with exponential backoff and jitter, honouring Retry-After; POSTs and DELETEs (a code exchange, a refresh, a
/// revoke) sent once; one breaker per host (with <c>SelectPipelineByAuthority</c>); each attempt gets the provider's
/// timeout and the whole call twice that.
/// </summary>
internal static class ProviderResilience
{
    /// <param name="timeoutOf">The provider's per-attempt timeout from its options.</param>
    /// <param name="retryDelay">The first backoff; null keeps the standard handler's.</param>
    public static Action<HttpStandardResilienceOptions, IServiceProvider> Standard<TOptions>(
        Func<TOptions, TimeSpan> timeoutOf,
        TimeSpan? retryDelay = null
    )
        where TOptions : class =>
        (options, services) =>
        {
            TimeSpan timeout;
            try
            {
                timeout = timeoutOf(services.GetRequiredService<IOptions<TOptions>>().Value);
            }
            catch (OptionsValidationException)
            {
                // Start-up stops on the provider's options themselves, naming the key; keep the defaults here.
                return;
            }

            options.AttemptTimeout.Timeout = timeout;
            options.TotalRequestTimeout.Timeout = timeout * 2;
            if (timeout * 2 > options.CircuitBreaker.SamplingDuration)
            {
                options.CircuitBreaker.SamplingDuration = timeout * 2;
            }

            options.Retry.MaxRetryAttempts = 2;
            options.Retry.BackoffType = DelayBackoffType.Exponential;
            options.Retry.UseJitter = true;
            options.Retry.Delay = retryDelay ?? options.Retry.Delay;
            options.Retry.ShouldRetryAfterHeader = true;
            options.Retry.DisableForUnsafeHttpMethods();
        };
}
