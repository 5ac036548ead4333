namespace Natero.Connectors.Application.Common.Webhooks;

/// <summary>
/// Sends one signed delivery attempt to a webhook endpoint. The address is checked again at the moment of
/// connecting (after DNS resolution), redirects are not followed, the answer's body is read only up to a cap,
/// and the attempt ends after a short timeout. It never throws for what the receiver or the network did:
/// the outcome says what happened.
/// </summary>
public interface IWebhookSender
{
    Task<WebhookAttemptResult> SendAsync(WebhookMessage message, CancellationToken cancellationToken);
}
