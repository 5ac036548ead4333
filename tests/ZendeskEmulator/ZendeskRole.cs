namespace Natero.Connectors.ZendeskEmulator;

/// <summary>A Zendesk Support user's role, written in the API as <c>admin</c>, <c>agent</c> or <c>end-user</c>.</summary>
public enum ZendeskRole
{
    Admin,
    Agent,
    EndUser,
}

internal static class ZendeskRoleExtensions
{
    public static string WireName(this ZendeskRole role) =>
        role switch
        {
            ZendeskRole.Admin => "admin",
            ZendeskRole.Agent => "agent",
            _ => "end-user",
        };

    /// <summary>Admins and agents may use the Support API's agent endpoints (tickets and the like); end users may not.</summary>
    public static bool IsStaff(this ZendeskRole role) => role is ZendeskRole.Admin or ZendeskRole.Agent;
}
