namespace Natero.Connectors.Infrastructure.Webhooks;

/// <summary>
/// Thrown by the connect step when the host resolves to an address a webhook may not reach, before any socket is
/// opened; the sender turns it into a refused attempt. Its message is fit to show (no secret, no body).
/// </summary>
internal sealed class ForbiddenWebhookAddressException(string message) : Exception(message);
