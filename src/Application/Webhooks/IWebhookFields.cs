namespace Natero.Connectors.Application.Webhooks;

/// <summary>The fields of a request that describes an endpoint.</summary>
public interface IWebhookFields
{
    string? Url { get; }
    string? Description { get; }
    IReadOnlyList<string>? EventTypes { get; }
}
