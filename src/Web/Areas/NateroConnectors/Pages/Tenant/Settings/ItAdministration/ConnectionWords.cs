using Natero.Connectors.Domain.Connections;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.ItAdministration;

/// <summary>The words pages use for connection states.</summary>
public static class ConnectionWords
{
    public static string Status(ConnectionStatus status) =>
        status switch
        {
            ConnectionStatus.PendingConfiguration => "Pending configuration",
            ConnectionStatus.Active => "Active",
            ConnectionStatus.ApiAccessDisabled => "API access disabled",
            ConnectionStatus.NeedsReauthorization => "Needs reauthorization",
            ConnectionStatus.Suspended => "Suspended by Natero",
            ConnectionStatus.Disconnected => "Disconnected",
            _ => status.ToString(),
        };

    /// <summary>What a status means for a person, naming the provider (its display name) where the provider is the one refusing.</summary>
    public static string StatusHelp(ConnectionStatus status, string providerName) =>
        status switch
        {
            ConnectionStatus.PendingConfiguration => "Authorized. Natero staff will complete the configuration.",
            ConnectionStatus.Active => "Working.",
            ConnectionStatus.ApiAccessDisabled => $"{providerName} refuses API calls for this account or user. See the steps below.",
            ConnectionStatus.NeedsReauthorization => $"{providerName} no longer accepts Natero's access. Reauthorize to restore it.",
            ConnectionStatus.Suspended => "Natero staff suspended this connection. Contact Natero support.",
            ConnectionStatus.Disconnected => "Tokens were revoked and erased. Reauthorize to connect again.",
            _ => string.Empty,
        };

    public static string CssClass(ConnectionStatus status) =>
        status switch
        {
            ConnectionStatus.Active => "ok",
            ConnectionStatus.PendingConfiguration => "info",
            ConnectionStatus.Disconnected or ConnectionStatus.Suspended => "muted",
            _ => "warn",
        };
}
