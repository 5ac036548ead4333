using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Webhooks;

internal static class WebhookErrors
{
    public static Error UrlRefused(string? problem) =>
        Error.Invalid("webhook_url_refused", problem ?? "This URL cannot receive webhooks.") with
        {
            Fields = new Dictionary<string, string[]> { ["Url"] = [problem ?? "This URL cannot receive webhooks."] },
        };

    public static Error EndpointNotFound() => Error.NotFound("Webhook endpoint");
}
