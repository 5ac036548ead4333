namespace Natero.Connectors.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Not tried yet, or due again.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>The last attempt failed; another is scheduled.</summary>
    Retrying,

    /// <summary>Failed until the retry window ended, or its endpoint was disabled or deleted.</summary>
    Failed,
}
