using System.Text.Json;
using Natero.Connectors.Domain.Audit;

namespace Natero.Connectors.Web.Pages.Shared.Audit;

/// <summary>How audit values read on the pages.</summary>
public static class AuditWords
{
    public static string Outcome(AuditOutcome outcome) =>
        outcome switch
        {
            AuditOutcome.Success => "Succeeded",
            AuditOutcome.Failure => "Failed",
            AuditOutcome.Denied => "Denied",
            _ => outcome.ToString(),
        };

    public static string OutcomeCss(AuditOutcome outcome) =>
        outcome switch
        {
            AuditOutcome.Success => "ok",
            AuditOutcome.Failure => "warn",
            _ => "denied",
        };

    public static string ActorType(ActorType type) =>
        type switch
        {
            Domain.Audit.ActorType.User => "User",
            Domain.Audit.ActorType.PlatformAdmin => "Natero platform admin",
            Domain.Audit.ActorType.ApiKey => "API key",
            Domain.Audit.ActorType.System => "System",
            _ => type.ToString(),
        };

    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The event's data as name and value pairs; anything unreadable is shown as it is.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Data(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
            return values
                .Where(v => v.Value.ValueKind is not JsonValueKind.Null)
                .Select(v =>
                    KeyValuePair.Create(v.Key, v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString()! : v.Value.GetRawText())
                )
                .ToList();
        }
        catch (JsonException)
        {
            return [KeyValuePair.Create("data", json)];
        }
    }
}
