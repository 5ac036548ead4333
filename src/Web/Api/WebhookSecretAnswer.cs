using Natero.Connectors.Application.Webhooks;

namespace Natero.Connectors.Web.Api;

/// <summary>An endpoint and its signing secret, answered once; a replay with the same Idempotency-Key leaves the secret out.</summary>
public sealed record WebhookSecretAnswer(Guid Id, WebhookEndpointDto Endpoint, string Secret);
