using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Application.Webhooks;

internal static class WebhookErrors
{
    /// <summary>The policy's words, cut short if a long host made them long: they are shown and audited.</summary>
    public static Error UrlRefused(string? problem)
    {
        var words =
            problem is null ? "This URL cannot receive webhooks."
            : problem.Length > 500 ? problem[..500] + "…"
            : problem;
        return Error.Invalid("webhook_url_refused", words) with { Fields = new Dictionary<string, string[]> { ["Url"] = [words] } };
    }

    public static Error EndpointNotFound() => Error.NotFound("Webhook endpoint");
}
