using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Natero.Connectors.Application.Common.Webhooks;

namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>The webhook transport: the <c>Webhooks</c> options (validated at start-up), the URL check and the sender.</summary>
public static class WebhookTransport
{
    public static IServiceCollection AddNateroWebhookTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.TryAddSingleton<IWebhookDnsResolver, SystemWebhookDnsResolver>();
        services.AddSingleton<IWebhookUrlPolicy, WebhookUrlPolicy>();
        services.AddSingleton<WebhookConnector>();

        // No resilience handler: the delivery worker owns retries and their schedule, and the sender owns the
        // timeout (the client's own is off). No logging handler either: it would log each URL with its query.
        services
            .AddHttpClient<IWebhookSender, WebhookSender>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(CreateHandler)
            .RemoveAllLoggers();
        return services;
    }

    private static SocketsHttpHandler CreateHandler(IServiceProvider services) =>
        new()
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            Credentials = null,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = services.GetRequiredService<WebhookConnector>().ConnectAsync,
            // An answer is read up to Webhooks:MaxResponseBytes; the rest closes the connection rather than being drained.
            MaxResponseDrainSize = 0,
        };
}
