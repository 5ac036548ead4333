namespace Natero.Connectors.Application.Common.Webhooks;

/// <summary>The outcome of checking a webhook URL: <see cref="Url"/> when it may be used, otherwise <see cref="Problem"/>.</summary>
public sealed record WebhookUrlCheck(Uri? Url, string? Problem)
{
    public bool IsAllowed => Url is not null;

    public static WebhookUrlCheck Allowed(Uri url) => new(url, null);

    public static WebhookUrlCheck Refused(string problem) => new(null, problem);
}
