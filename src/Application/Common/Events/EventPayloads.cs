using System.Text.Json;
using System.Text.Json.Nodes;
using Natero.Connectors.Domain.ApiKeys;
using Natero.Connectors.Domain.Connections;
using Natero.Connectors.Domain.Events;

namespace Natero.Connectors.Application.Common.Events;

/// <summary>
/// Builds the outbox rows and their bodies (<c>{ "type", "timestamp", "data" }</c>, DESIGN section 15). What goes
/// in is chosen field by field from names, ids and statuses: a token, code or secret has no way in.
/// </summary>
public static class EventPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The event a saved change of <paramref name="connection"/> raises, or null when subscribers do not care.</summary>
    public static OutboundEvent? ForConnection(ProviderConnection connection, ConnectionChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(change);
        if (change.EventType is not { } type)
        {
            return null;
        }

        var data = new JsonObject
        {
            ["tenant"] = connection.TenantId.ToString(),
            ["connectionId"] = connection.Id.ToString(),
            ["provider"] = connection.Provider,
            ["status"] = connection.Status.ToString(),
            ["previousStatus"] = change.Before?.ToString(),
            ["reason"] = connection.StatusReason,
            ["errorCode"] = ConnectionChange.IsBroken(connection.Status) ? connection.LastErrorCode : null,
            ["externalOrgId"] = connection.ExternalOrgId,
            ["accountName"] = connection.AccountName,
            ["environment"] = connection.Environment,
            ["version"] = connection.Version,
        };
        return Create(connection.TenantId, type, data, now, connection.Id, connection.Version);
    }

    public static OutboundEvent ApiKeyExpiring(ApiKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var data = new JsonObject
        {
            ["tenant"] = key.TenantId?.ToString(),
            ["apiKeyId"] = key.Id.ToString(),
            ["name"] = key.Name,
            ["prefix"] = key.Prefix,
            ["expiresAt"] = key.ExpiresAt,
        };
        return Create(key.TenantId, EventTypes.ApiKeyExpiring, data, now, key.Id, dedupeKey: $"{EventTypes.ApiKeyExpiring}:{key.Id:N}");
    }

    /// <summary>The event the "Send test event" button sends; it goes to one endpoint and is dispatched as it is made.</summary>
    public static OutboundEvent Test(Guid? tenantId, Guid endpointId, DateTimeOffset now)
    {
        var data = new JsonObject
        {
            ["tenant"] = tenantId?.ToString(),
            ["endpointId"] = endpointId.ToString(),
            ["message"] = "A test event from Natero Connectors. If your endpoint verified this signature, it is ready.",
        };
        var test = Create(tenantId, EventTypes.WebhookTest, data, now);
        test.MarkDispatched(now);
        return test;
    }

    /// <summary>Any other event (an audit checkpoint): <paramref name="data"/> is the object under "data".</summary>
    public static OutboundEvent Create(
        Guid? tenantId,
        string type,
        JsonObject data,
        DateTimeOffset now,
        Guid? subjectId = null,
        int? subjectVersion = null,
        string? dedupeKey = null
    )
    {
        ArgumentNullException.ThrowIfNull(data);
        var body = new JsonObject
        {
            ["type"] = type,
            ["timestamp"] = now,
            ["data"] = data,
        };
        return OutboundEvent.Create(Ids.New(now), tenantId, type, body.ToJsonString(Json), now, subjectId, subjectVersion, dedupeKey);
    }
}
