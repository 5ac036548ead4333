namespace Natero.Connectors.Infrastructure.Salesforce;

/// <summary>
/// What Salesforce's refusals mean and what a Salesforce admin changes to fix them, in the words the pages show.
/// See salesforce-protocol.md, "Behaviours of real orgs", and docs/providers/salesforce.md.
/// </summary>
internal static class SalesforceWords
{
    public const string IpRestricted =
        "Salesforce refused the sign-in because of the user's Login IP Ranges (\"ip restricted\"). A Salesforce admin must add "
        + "Natero's addresses to the profile's Login IP Ranges, or set the Connected App's IP Relaxation to "
        + "\"Relax IP restrictions\" (Setup > Connected Apps OAuth Usage > Manage > Edit Policies).";

    public const string InactiveUser =
        "The Salesforce user is inactive. A Salesforce admin must reactivate the user (Setup > Users), "
        + "or a different, active user must authorize.";

    public const string InactiveOrg = "The Salesforce org is inactive (expired or locked). Its administrator must reactivate it.";

    public const string RefreshPolicyExpired =
        "Salesforce no longer accepts Natero's refresh token (\"expired access/refresh token\"): the Connected App's refresh token "
        + "policy expired it, or the user authorized the app more often than its limit of refresh tokens per user allows, which "
        + "revokes the oldest. Someone must authorize again. To avoid this, a Salesforce admin can set the policy to "
        + "\"Refresh token is valid until revoked\" (Setup > Connected Apps OAuth Usage > Manage > Edit Policies).";

    /// <summary>Shown before the person leaves for Salesforce, and again when an attempt never came back.</summary>
    public const string InstallTheApp =
        "If Salesforce stops on its own page with OAUTH_APPROVAL_ERROR_GENERIC (\"app must be installed into org\"), it will not "
        + "send you back here: a Salesforce admin must install the Natero app (Setup > Connected Apps OAuth Usage > Install, then "
        + "Manage Connected Apps > Permitted Users), or give you the \"Approve Uninstalled Connected Apps\" permission. "
        + "Then authorize again.";

    public static readonly IReadOnlyList<string> ApiAccessFixIt =
    [
        "API Enabled by Profile: in Salesforce Setup, open Profiles, edit the user's profile, and under Administrative Permissions "
            + "tick API Enabled.",
        "API Enabled by Permission Set: or create a Permission Set with API Enabled (System Permissions) and assign it to the user.",
        "Edition without API access: Essentials and Professional editions have no API access unless the API add-on is bought; "
            + "ask your Salesforce account executive.",
    ];

    /// <summary>The provider's explanation of an error its consent screen sent back, or null for OAuth's standard ones.</summary>
    public static string? ExplainCallbackError(string error, string? description) =>
        (error, description?.Trim()) switch
        {
            ("OAUTH_APP_BLOCKED", _) => "Your Salesforce admin has blocked the Natero app (OAUTH_APP_BLOCKED). A Salesforce admin must "
                + "unblock it (Setup > Connected Apps OAuth Usage > Unblock), then authorize again.",
            ("OAUTH_APP_ACCESS_DENIED", _) => AdminApproved,
            ("access_denied", { Length: > 0 } d) when IsAdminApproval(d) => AdminApproved,
            ("inactive_user", _) => InactiveUser,
            ("inactive_org", _) => InactiveOrg,
            ("rate_limit_exceeded", _) => "Salesforce says too many sign-ins were attempted. Wait a few minutes and try again.",
            _ => null,
        };

    private const string AdminApproved =
        "The Natero app is set to \"Admin approved users are pre-authorized\" and your profile or permission sets are not "
        + "among them. A Salesforce admin must add your profile or a permission set of yours to the app "
        + "(Setup > Manage Connected Apps > Natero > Profiles or Permission Sets), then authorize again.";

    private static bool IsAdminApproval(string description) =>
        description.Contains("pre-authorized", StringComparison.OrdinalIgnoreCase)
        || description.Contains("admin approved", StringComparison.OrdinalIgnoreCase)
        || description.Contains("not approved", StringComparison.OrdinalIgnoreCase);
}
