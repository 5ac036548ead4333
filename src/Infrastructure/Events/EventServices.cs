using Microsoft.Extensions.DependencyInjection;
using Natero.Connectors.Application.Common.Events;
using Natero.Connectors.Infrastructure.Webhooks;

namespace Natero.Connectors.Infrastructure.Events;

/// <summary>
/// The outbound side (DESIGN section 15): the dispatcher that turns committed events into work, its consumers, and
/// the worker that delivers webhooks. Each runs in every instance; leases keep them from doing the same work twice.
/// </summary>
internal static class EventServices
{
    public static void AddEvents(IServiceCollection services)
    {
        services.AddScoped<IEventConsumer, WebhookFanOut>();
        services.AddSingleton<DeliveriesWaiting>();
        services.AddScoped<WebhookDisabling>();
        services.AddScoped<ApiKeyExpiryWarnings>();
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EventDispatcher>());
        services.AddSingleton<WebhookDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
    }
}
