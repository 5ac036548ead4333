using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Infrastructure.Providers;

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
            .AddProviderTelemetry(ZendeskOAuthProvider.Key)
            .AddStandardResilienceHandler()
            .SelectPipelineByAuthority()
            .Configure(ProviderResilience.Standard<ZendeskOptions>(o => o.Timeout));
        services.AddScoped<IOAuthProvider, ZendeskOAuthProvider>();
    }
}
