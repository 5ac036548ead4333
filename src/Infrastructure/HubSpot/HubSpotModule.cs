using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Infrastructure.Providers;

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
            .AddProviderTelemetry(HubSpotOAuthProvider.Key)
            .AddStandardResilienceHandler()
            .SelectPipelineByAuthority()
            .Configure(ProviderResilience.Standard<HubSpotOptions>(o => o.Timeout, TimeSpan.FromSeconds(1)));
        services.AddScoped<IOAuthProvider, HubSpotOAuthProvider>();
    }
}
