namespace Natero.Connectors.Application.Common.Webhooks;

/// <summary>
/// One message as Standard Webhooks sends it: <paramref name="Id"/> is the <c>webhook-id</c> (the same for every
/// attempt, so receivers can drop repeats), <paramref name="Timestamp"/> the <c>webhook-timestamp</c> of this
/// attempt, <paramref name="Body"/> the exact JSON signed and sent, and <paramref name="Secrets"/> the endpoint's
/// secrets (<c>whsec_...</c>) that sign it now: one, or two while a rotation's old secret still signs alongside the new.
/// </summary>
public sealed record WebhookMessage(Uri Url, string Id, DateTimeOffset Timestamp, string Body, IReadOnlyList<string> Secrets)
{
    /// <summary>Never shows the secrets.</summary>
    public override string ToString() => $"Webhook {Id} to {Url.GetLeftPart(UriPartial.Path)}";
}
