using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Web.Pages;

/// <summary>The Settings menu. Features add their pages here.</summary>
public static class Navigation
{
    public const string ItAdministration = "IT Administration";

    public static IReadOnlyList<NavigationItem> TenantSettings { get; } =
    [
        new(ItAdministration, "Manage OAuth", "settings/it-administration/oauth", Permissions.DataConnectors.View),
        new(ItAdministration, "Users", "settings/users", Permissions.Users.Manage),
        new(ItAdministration, "Sign-in policy", "settings/it-administration/sign-in", Permissions.Users.Manage),
        new(ItAdministration, "API keys", "settings/api-keys", Permissions.ApiKeys.Manage),
        new(ItAdministration, "Webhooks", "settings/webhooks", Permissions.DataConnectors.Configure),
        new(ItAdministration, "Audit log", "settings/audit", Permissions.Audit.View),
    ];

    public static IEnumerable<IGrouping<string, NavigationItem>> Sections(IReadOnlySet<string> permissions) =>
        TenantSettings.Where(i => permissions.Contains(i.Permission)).GroupBy(i => i.Section);
}
