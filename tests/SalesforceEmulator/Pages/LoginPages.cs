using System.Net;
using System.Text;
using Natero.Connectors.SalesforceEmulator.Hosting;
using Natero.Connectors.SalesforceEmulator.OAuth;

namespace Natero.Connectors.SalesforceEmulator.Pages;

internal static class LoginPages
{
    public const string LoginPath = "/login";

    /// <summary>Salesforce's path for the Allow / Deny page.</summary>
    public const string ConsentPath = "/setup/secur/RemoteAccessAuthorizationPage.apexp";

    /// <summary>Salesforce's page for OAuth errors it does not send back to the callback.</summary>
    public const string ErrorPagePath = "/setup/secur/RemoteAccessErrorPage.apexp";

    public const string ApprovalErrorMessage =
        "OAUTH_APPROVAL_ERROR_GENERIC: An unexpected error has occurred during authentication. Please try again.";

    public const string FailedLoginMessage =
        "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

    public static IResult Login(HostSlot host, string requestId, AuthorizationRequest request, string? username, string? error)
    {
        var body = new StringBuilder()
            .Append("<h1>Salesforce</h1>")
            .Append("<p class=\"host\">Emulated ")
            .Append(Html.Encode(Describe(host)))
            .Append(" &middot; ")
            .Append(Html.Encode(host.Origin))
            .Append("</p>")
            .Append("<p>Log in to allow <strong>")
            .Append(Html.Encode(request.App.Name))
            .Append("</strong> to access your data.</p>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(Html.Encode(error)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"")
            .Append(LoginPath)
            .Append("\">")
            .Append("<input type=\"hidden\" name=\"req\" value=\"")
            .Append(Html.Encode(requestId))
            .Append("\">")
            .Append("<label for=\"username\">Username</label>")
            .Append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" required value=\"")
            .Append(Html.Encode(username))
            .Append("\">")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input id=\"password\" name=\"pw\" type=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button type=\"submit\">Log In</button>")
            .Append("</form>");
        return Html.Page("Login | Salesforce", body.ToString());
    }

    public static IResult Consent(string requestId, AuthorizationRequest request, EmulatorUser user)
    {
        var body = new StringBuilder()
            .Append("<h1>Allow Access?</h1>")
            .Append("<p><strong>")
            .Append(Html.Encode(request.App.Name))
            .Append("</strong> is asking to:</p><ul>");
        foreach (var description in request.Scopes.Select(Scopes.Describe).Distinct(StringComparer.Ordinal))
        {
            body.Append("<li>").Append(Html.Encode(description)).Append("</li>");
        }

        body.Append("</ul><p>Do you want to allow access for <strong>")
            .Append(Html.Encode(user.Username))
            .Append("</strong>?</p>")
            .Append("<form method=\"post\" action=\"")
            .Append(ConsentPath)
            .Append("\">")
            .Append("<input type=\"hidden\" name=\"req\" value=\"")
            .Append(Html.Encode(requestId))
            .Append("\">")
            .Append("<button type=\"submit\" class=\"secondary\" name=\"decision\" value=\"deny\">Deny</button>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>")
            .Append("</form>");
        return Html.Page("Allow Access? | Salesforce", body.ToString());
    }

    /// <summary>Salesforce's own error page: shown instead of a redirect when the callback cannot be trusted.</summary>
    public static IResult Error(string error, string description) =>
        Html.Page(
            "Error | Salesforce",
            "<h1>Remote Access Authorization Error</h1><p class=\"error\" "
                + $"role=\"alert\">error=<code>{Html.Encode(error)}</code></p><p>{Html.Encode(description)}</p>",
            StatusCodes.Status400BadRequest
        );

    /// <summary>The error page's address, form-encoded as Salesforce writes it (<c>app+must+be+installed+into+org</c>).</summary>
    public static string ErrorPageUrl(string error, string description) =>
        $"{ErrorPagePath}?error={WebUtility.UrlEncode(error)}&error_description={WebUtility.UrlEncode(description)}";

    /// <summary>
    /// What Salesforce shows when it refuses an approval without telling the client (an uninstalled app): the generic
    /// approval error; the reason is only in the address.
    /// </summary>
    public static IResult ApprovalError() =>
        Html.Page(
            "OAuth Error | Salesforce",
            "<h1>OAuth Error</h1><p>We can't authorize you because of an OAuth error. For more information, contact your "
                + $"Salesforce administrator.</p><p class=\"error\" role=\"alert\">{Html.Encode(ApprovalErrorMessage)}</p>",
            StatusCodes.Status400BadRequest
        );

    private static string Describe(HostSlot host) =>
        host.Kind switch
        {
            EmulatorHostKind.ProductionLogin => "login.salesforce.com",
            EmulatorHostKind.SandboxLogin => "test.salesforce.com",
            _ => host.Org is { } org ? MyDomainName(org) : "My Domain",
        };

    private static string MyDomainName(SalesforceOrg org) =>
        org.Environment == OrgEnvironment.Production ? $"{org.MyDomain}.my.salesforce.com" : $"{org.MyDomain}.sandbox.my.salesforce.com";
}
