using System.Globalization;
using Natero.Connectors.Application.Connections.Queries.GetConnectionHistory;
using Natero.Connectors.Web.Pages.Tenant.Settings.ItAdministration;

namespace Natero.Connectors.Web.Pages.Shared.Connections;

/// <summary>The words of a connection's history and of how long something has lasted.</summary>
public static class HistoryWords
{
    /// <summary>What an entry of the history was, in a few words.</summary>
    public static string What(ConnectionHistoryEntryDto entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Kind switch
        {
            ConnectionHistoryEntryDto.Checked when entry.Failed => "Check failed"
                + (entry.StatusAfter is { } s ? $" ({ConnectionWords.Status(s)})" : string.Empty),
            ConnectionHistoryEntryDto.Checked => "Checked: working",
            "connection.authorized" => entry.Failed ? "Authorization failed" : "Authorized",
            "connection.reauthorized" => "Authorized again",
            "connection.configuration_completed" => "Configuration completed",
            "connection.needs_reauthorization" => "Needs reauthorization",
            "connection.status_changed" => "Status changed",
            "connection.token_refreshed" => "Token refreshed",
            "connection.refresh_failed" => "Token refresh failed",
            "connection.verify_requested" => "Check requested",
            "connection.suspended" => "Suspended",
            "connection.resumed" => "Resumed",
            "connection.disconnected" => "Disconnected",
            _ => entry.Kind,
        };
    }

    /// <summary>"3 days", "5 hours", "12 minutes" or "less than a minute".</summary>
    public static string Duration(TimeSpan length) =>
        length.TotalDays >= 1 ? Count((int)length.TotalDays, "day")
        : length.TotalHours >= 1 ? Count((int)length.TotalHours, "hour")
        : length.TotalMinutes >= 1 ? Count((int)length.TotalMinutes, "minute")
        : "less than a minute";

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
