namespace Natero.Connectors.Infrastructure.Zendesk;

/// <summary>
/// What Zendesk's refusals mean and what a Zendesk admin changes to fix them, in the words the pages show.
/// See docs/providers/zendesk.md.
/// </summary>
internal static class ZendeskWords
{
    public const string AccessRequirement = "The Zendesk user must be an admin or an agent of the account; end users cannot use the API.";

    /// <summary>Shown before the person leaves for Zendesk, and again when an attempt never came back.</summary>
    public const string SignInHelp =
        "Sign in to Zendesk as an admin or an agent of the account. If Zendesk stops on its own error page instead of sending "
        + "you back here, the OAuth client Natero uses does not exist in that account (an OAuth client works only in the "
        + "account that created it, unless Zendesk made it global) or Natero's callback URL is not among its redirect URLs: "
        + "a Natero administrator must fix Zendesk:ClientId or the client's redirect URLs, then authorize again.";

    public static readonly IReadOnlyList<string> ApiAccessFixIt =
    [
        "Role: only admins and agents can use the Zendesk API. A Zendesk admin can make the user an agent or an admin in "
            + "Admin Center > People, then authorize again.",
        "Another user: or authorize again, signed in to Zendesk as an admin or agent of this account.",
        "Scope: Natero asks for the scopes in Zendesk:Scopes (read by default); a client restricted to fewer scopes cannot read tickets.",
    ];

    public static string EndUser(string who) =>
        $"{who} is an end user in Zendesk, and end users cannot use the Zendesk API, so nothing was connected. Authorize again "
        + "signed in as an admin or agent of the account; a Zendesk admin can change the user's role in Admin Center > People.";

    public static string Suspended(string who) =>
        $"{who} is suspended or inactive in Zendesk, so nothing was connected. A Zendesk admin must reactivate the user in "
        + "Admin Center > People, or a different admin or agent must authorize.";

    public const string ApiForbidden =
        "Zendesk refused to list tickets for this user (HTTP 403): the user is not an admin or agent of the account, or the "
        + "grant lacks the read scope. A Zendesk admin can change the user's role in Admin Center > People, or an admin or "
        + "agent must authorize again.";

    public const string RevokeNotEffective =
        "Zendesk answered the revocation, yet the token still works (Zendesk is known to ignore it for a token without write "
        + "access). Revoke it in Zendesk's settings too: a Zendesk admin can delete Natero's token in Admin Center > Apps and "
        + "integrations > APIs > OAuth clients.";

    /// <summary>The provider's explanation of an error its consent screen sent back, or null for OAuth's standard ones.</summary>
    public static string? ExplainCallbackError(string error) =>
        error switch
        {
            "invalid_scope" => "Zendesk refused the scopes Natero asked for. A Natero administrator must check Zendesk:Scopes "
                + "(read is enough), then authorize again.",
            "unauthorized_client" => "Zendesk says Natero's OAuth client may not be used in this account. A Natero administrator "
                + "must check Zendesk:ClientId; other accounts than the client's own need a global OAuth client.",
            _ => null,
        };
}
