namespace Natero.Connectors.Domain.Authorization;

/// <summary>Tenant permissions: the only place their names are spelled.</summary>
public static class Permissions
{
    public static class DataConnectors
    {
        public const string View = "DataConnectors.View";
        public const string Configure = "DataConnectors.Configure";
        public const string ReadCredentials = "DataConnectors.ReadCredentials";
    }

    public static class Users
    {
        public const string Manage = "Users.Manage";
    }

    public static class ApiKeys
    {
        public const string Manage = "ApiKeys.Manage";
    }

    public static class Audit
    {
        public const string View = "Audit.View";
    }

    /// <summary>Every tenant permission with the words people see, in the order pages list them.</summary>
    public static IReadOnlyList<PermissionDefinition> All { get; } =
    [
        new(DataConnectors.View, "View data connectors", "See connections and their status."),
        new(DataConnectors.Configure, "Configure data connectors", "Authorize, reauthorize and disconnect providers."),
        new(DataConnectors.ReadCredentials, "Read connector credentials", "Fetch access tokens for automation."),
        new(Users.Manage, "Manage users", "Add and remove members and change their permissions."),
        new(ApiKeys.Manage, "Manage API keys", "Create and revoke API keys."),
        new(Audit.View, "View audit log", "Review this tenant's audit events."),
    ];

    public static bool IsKnown(string permission) => All.Any(p => p.Name == permission);

    public static string DisplayName(string permission) => All.FirstOrDefault(p => p.Name == permission)?.DisplayName ?? permission;
}
