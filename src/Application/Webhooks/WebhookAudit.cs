using Natero.Connectors.Domain.Webhooks;

namespace Natero.Connectors.Application.Webhooks;

/// <summary>What the audit trail records of an endpoint: where it points and what it receives, never its secret.</summary>
internal static class WebhookAudit
{
    public static Dictionary<string, string?> Facts(WebhookEndpoint endpoint) =>
        new()
        {
            ["url"] = endpoint.Url,
            ["event_types"] = endpoint.EventTypes,
            ["enabled"] = endpoint.IsEnabled ? "true" : "false",
        };
}
