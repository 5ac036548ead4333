using Microsoft.Extensions.DependencyInjection;

namespace Natero.Connectors.Infrastructure.Providers;

/// <summary>How a provider module puts <see cref="ProviderCallTelemetry"/> on its typed clients.</summary>
internal static class ProviderCallTelemetryRegistration
{
    /// <summary>Call before adding the resilience handler, so that the call is measured around its retries.</summary>
    public static IHttpClientBuilder AddProviderTelemetry(this IHttpClientBuilder builder, string provider) =>
        builder.AddHttpMessageHandler(services => new ProviderCallTelemetry(provider, services.GetRequiredService<TimeProvider>()));
}
