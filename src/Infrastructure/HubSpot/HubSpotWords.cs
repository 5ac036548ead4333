using Natero.Connectors.Application.Common.Providers;
using Natero.Connectors.Application.Common.Results;

namespace Natero.Connectors.Infrastructure.HubSpot;

/// <summary>
/// What HubSpot's refusals mean and what a HubSpot admin changes to fix them, in the words the pages show.
/// See docs/providers/hubspot.md.
/// </summary>
internal static class HubSpotWords
{
    /// <summary>Shown before the person leaves for HubSpot, and again when an attempt never came back.</summary>
    public const string SignInHelp =
        "If you click Cancel on HubSpot's page, or HubSpot refuses the install because you lack a permission, HubSpot does not "
        + "return to Natero: the attempt simply ends. Installing an app takes a HubSpot Super Admin or a user with the App "
        + "Marketplace access permission; ask a Super Admin of your HubSpot account to authorize, or to give you that "
        + "permission, then authorize again.";

    public const string AccessRequirement =
        "The HubSpot user must be a Super Admin or have the App Marketplace access permission, and may read contacts in the CRM.";

    public static readonly IReadOnlyList<string> ApiAccessFixIt =
    [
        "Reauthorize as a Super Admin: a HubSpot Super Admin of the account authorizes Natero again here; Super Admins can grant "
            + "every scope the account offers.",
        "Or give the user the CRM permission: in HubSpot, Settings > Users & Teams, edit the user and under CRM allow viewing "
            + "contacts, then that user authorizes Natero again.",
        "The account must include the CRM object: a subscription without contacts cannot grant crm.objects.contacts.read; "
            + "ask your HubSpot account manager.",
    ];

    private const string NotPermitted =
        "HubSpot refused the install because your HubSpot user lacks a permission. Installing an app takes a Super Admin or "
        + "the App Marketplace access permission: ask a Super Admin of your HubSpot account to authorize, or to give you that "
        + "permission, then authorize again.";

    /// <summary>A 403 MISSING_SCOPES from the contacts probe, naming the scopes HubSpot says are missing.</summary>
    public static string MissingScopes(IReadOnlyList<string> scopes) =>
        "HubSpot says this grant lacks "
        + (scopes.Count == 0 ? "a scope Natero needs" : "the scope " + string.Join(", ", scopes.Select(s => Clip(s, 100))))
        + " (MISSING_SCOPES): the user who authorized cannot read contacts, so HubSpot left the scope out. A HubSpot Super Admin, "
        + "or a user with the CRM permission to view contacts, must authorize again; the account's subscription must include "
        + "the CRM object.";

    /// <summary>
    /// HubSpot documents no redirect back on a refusal; an <c>access_denied</c> is the person cancelling (Natero's own words
    /// for a Deny apply). Scope errors name the setting a Natero administrator checks.
    /// </summary>
    public static string? ExplainCallbackError(string error, string? description) =>
        error switch
        {
            "invalid_scope" => "HubSpot refused the scopes Natero asked for. A Natero administrator must check HubSpot:Scopes "
                + "and HubSpot:OptionalScopes against the scopes configured on the HubSpot app.",
            "access_denied" when description?.Contains("permission", StringComparison.OrdinalIgnoreCase) == true => NotPermitted,
            _ => null,
        };

    /// <summary>The words for a refused code exchange.</summary>
    public static Error TokenError(HubSpotOAuthError error, int status) =>
        error switch
        {
            { Status: "BAD_REDIRECT_URI" } => Failure(
                "hubspot_redirect_mismatch",
                "HubSpot says Natero's callback URL is not the app's redirect URL. A Natero administrator must check HubSpot:CallbackUrl."
                    + error.Correlation
            ),
            { IsInvalidClient: true } => ClientRejected(error),
            { IsInvalidGrant: true } => Failure(
                "hubspot_code_rejected",
                "HubSpot refused the authorization code: it expired, was already used, or the proof that this browser started the "
                    + $"sign-in did not match ({Clip(error.Message ?? error.Description ?? error.Status ?? "invalid_grant")}). Start again."
                    + error.Correlation
            ),
            { Status: not null } or { Error: not null } => Failure(
                "hubspot_token_error",
                $"HubSpot refused the token request (HTTP {status}{error.Words}). Nothing was connected." + error.Correlation
            ),
            _ => Failure("hubspot_token_http_error", $"HubSpot's token endpoint failed (HTTP {status}). Nothing was connected; try again."),
        };

    /// <summary>The words for a refused refresh: a refresh token HubSpot no longer accepts ends the connection's grant.</summary>
    public static Error RefreshError(HubSpotOAuthError error, int status) =>
        error switch
        {
            { IsInvalidClient: true } => ClientRejected(error),
            { IsInvalidGrant: true } => Failure(
                ProviderErrorCodes.RefreshRejected,
                $"HubSpot no longer accepts Natero's refresh token ({Clip(error.Message ?? error.Description ?? "invalid_grant")}): "
                    + "the app was uninstalled from the portal, its access was revoked, or the token was replaced. "
                    + "Someone with \"Configure data connectors\" must authorize again."
            ),
            { Status: not null } or { Error: not null } => Failure(
                "hubspot_refresh_error",
                $"HubSpot refused the refresh (HTTP {status}{error.Words})." + error.Correlation
            ),
            _ => Failure(
                "hubspot_refresh_http_error",
                $"HubSpot's token endpoint failed (HTTP {status}) while refreshing. Natero will try again."
            ),
        };

    private static Error ClientRejected(HubSpotOAuthError error) =>
        Failure(
            "hubspot_client_rejected",
            $"HubSpot did not accept Natero's app credentials ({Clip(error.Status ?? error.Error ?? "invalid_client")}). A Natero "
                + "administrator must check HubSpot:ClientId and HubSpot:ClientSecret."
        );

    public static string Clip(string value, int length = 200) => value.Length > length ? value[..length] : value;

    private static Error Failure(string code, string message) => new(ErrorKind.Failure, code, message);
}
