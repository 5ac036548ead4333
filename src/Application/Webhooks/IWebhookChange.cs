namespace Natero.Connectors.Application.Webhooks;

/// <summary>A change to an endpoint: the fields given change, the null ones stay.</summary>
public interface IWebhookChange : IWebhookFields
{
    Guid Id { get; }
    bool? Enabled { get; }
}
