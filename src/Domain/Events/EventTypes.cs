namespace Natero.Connectors.Domain.Events;

/// <summary>The events tenants and the platform can subscribe to: the only place their names are spelled.</summary>
public static class EventTypes
{
    public const string ConnectionAuthorized = "connection.authorized";
    public const string ConnectionReauthorized = "connection.reauthorized";
    public const string ConnectionNeedsReauthorization = "connection.needs_reauthorization";
    public const string ConnectionApiAccessDisabled = "connection.api_access_disabled";
    public const string ConnectionRecovered = "connection.recovered";
    public const string ConnectionSuspended = "connection.suspended";
    public const string ConnectionResumed = "connection.resumed";
    public const string ConnectionConfigurationCompleted = "connection.configuration_completed";
    public const string ConnectionDisconnected = "connection.disconnected";
    public const string ApiKeyExpiring = "api_key.expiring";
    public const string AuditCheckpoint = "audit.checkpoint";

    /// <summary>Sent by the "Send test event" button only, to the one endpoint it was asked for.</summary>
    public const string WebhookTest = "webhook.test";

    /// <summary>Every event an endpoint can subscribe to, with the words pages show, in the order they list them.</summary>
    public static IReadOnlyList<EventTypeDefinition> All { get; } =
    [
        new(ConnectionAuthorized, "A provider was connected for the first time."),
        new(ConnectionReauthorized, "A connection was authorized again."),
        new(ConnectionNeedsReauthorization, "The provider refused the connection's grant: someone must authorize again."),
        new(ConnectionApiAccessDisabled, "The provider says the account or user has no API access."),
        new(ConnectionRecovered, "A connection that was not working works again."),
        new(ConnectionSuspended, "Natero suspended a connection."),
        new(ConnectionResumed, "Natero resumed a suspended connection."),
        new(ConnectionConfigurationCompleted, "Natero completed a connection's configuration."),
        new(ConnectionDisconnected, "A connection was disconnected and its tokens erased."),
        new(ApiKeyExpiring, "An API key expires in 7 days."),
        new(AuditCheckpoint, "The audit trail's latest position was signed (hourly, when it changed)."),
    ];

    public static bool IsKnown(string type) => All.Any(t => t.Name == type);
}
