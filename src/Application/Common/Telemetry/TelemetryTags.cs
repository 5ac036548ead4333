namespace Natero.Connectors.Application.Common.Telemetry;

/// <summary>The names of the tags the plugin puts on its spans and metrics (stable: dashboards use them).</summary>
public static class TelemetryTags
{
    public const string Provider = "natero.provider";
    public const string Outcome = "natero.outcome";
    public const string Reason = "natero.reason";
    public const string TenantId = "natero.tenant.id";
    public const string TenantSlug = "natero.tenant.slug";
    public const string ConnectionId = "natero.connection.id";
    public const string WebhookId = "natero.webhook.id";
    public const string DeliveryId = "natero.webhook.delivery.id";
    public const string EventType = "natero.event.type";
    public const string Status = "natero.connection.status";
}
