namespace Natero.Connectors.Application.Common.Webhooks;

/// <summary>
/// What one attempt came to. <see cref="Delivered"/> when the receiver answered 2xx. <see cref="StatusCode"/> is
/// the receiver's answer when there was one; <see cref="Error"/> says in words why it was not delivered (never
/// the receiver's body beyond a short, capped excerpt, and never a secret). <see cref="Refused"/> when Natero
/// itself would not connect (the address resolved to a forbidden one): such an attempt counts as failed.
/// </summary>
public sealed record WebhookAttemptResult(bool Delivered, int? StatusCode, TimeSpan Latency, string? Error, bool Refused = false);
