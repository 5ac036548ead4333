namespace Natero.Connectors.Web.Common;

/// <summary>What a page or an API call changes of an endpoint: the fields given; null ones stay as they are.</summary>
public sealed record WebhookChange(string? Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled)
{
    public static WebhookChange Enabling(bool enabled) => new(null, null, null, enabled);
}
