namespace Natero.Connectors.Application.Webhooks;

/// <summary>An endpoint with its signing secret: answered once, when the endpoint is made or its secret rotated.</summary>
public sealed record WebhookSecretDto(WebhookEndpointDto Endpoint, string Secret)
{
    /// <summary>Never shows the secret.</summary>
    public override string ToString() => $"Webhook endpoint {Endpoint.Id} with its secret";
}
