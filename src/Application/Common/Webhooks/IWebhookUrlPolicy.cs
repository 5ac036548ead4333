namespace Natero.Connectors.Application.Common.Webhooks;

/// <summary>
/// Decides whether a URL may be a webhook endpoint: https (plain http only for loopback when
/// <c>Webhooks:AllowLoopbackHttp</c> is on), no user information, and a host that resolves only to public
/// addresses (not loopback, private, link-local, multicast, unspecified, shared or metadata addresses).
/// </summary>
public interface IWebhookUrlPolicy
{
    /// <summary>The normalised URL, or why it is refused in words fit to show the person who typed it.</summary>
    Task<WebhookUrlCheck> CheckAsync(string url, CancellationToken cancellationToken);
}
