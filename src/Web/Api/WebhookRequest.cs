namespace Natero.Connectors.Web.Api;

/// <summary>
/// The body of <c>POST</c> and <c>PATCH /webhooks</c>: the URL (https, public), a description, the event types (or
/// <c>["*"]</c> for all); <see cref="Enabled"/> only on PATCH, to enable a disabled endpoint or disable one.
/// </summary>
public sealed record WebhookRequest(string? Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled);
