using System.Text;
using Natero.Connectors.ZendeskEmulator.OAuth;

namespace Natero.Connectors.ZendeskEmulator.Pages;

/// <summary>
/// The sign-in page, the Allow / Deny page and the error page. Stable names for browser tests: inputs
/// <c>email</c> and <c>password</c>, buttons <c>#login</c>, <c>#allow</c> and <c>#deny</c>, errors in <c>role="alert"</c>.
/// </summary>
internal static class AuthorizationPages
{
    public const string LoginPath = "/access/login";
    public const string ConsentPath = "/oauth/authorizations";

    public const string FailedLoginMessage = "Invalid email or password.";

    public static IResult Login(string requestId, AuthorizationRequest request, string? email, string? error)
    {
        var body = new StringBuilder()
            .Append("<h1>Sign in to ")
            .Append(Html.Encode(request.Account.Name))
            .Append("</h1><p class=\"account\">Emulated ")
            .Append(Html.Encode(request.Account.Subdomain))
            .Append(".zendesk.com &middot; ")
            .Append(Html.Encode(request.Account.Origin))
            .Append("</p>");
        if (error is not null)
        {
            body.Append("<p class=\"error\" role=\"alert\">").Append(Html.Encode(error)).Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"")
            .Append(LoginPath)
            .Append("\"><input type=\"hidden\" name=\"req\" value=\"")
            .Append(Html.Encode(requestId))
            .Append("\"><label for=\"email\">Email</label>")
            .Append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"")
            .Append(Html.Encode(email))
            .Append("\"><label for=\"password\">Password</label>")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button id=\"login\" type=\"submit\">Sign in</button></form>");
        return Html.Page("Sign in | Zendesk", body.ToString());
    }

    public static IResult Consent(string requestId, AuthorizationRequest request, ZendeskUser user)
    {
        var body = new StringBuilder()
            .Append("<h1>Allow access?</h1><p class=\"account\">")
            .Append(Html.Encode(request.Account.Name))
            .Append(" &middot; signed in as ")
            .Append(Html.Encode(user.Email))
            .Append("</p><p><strong>")
            .Append(Html.Encode(request.Client.Name))
            .Append("</strong> would like to access your Zendesk account:</p><ul>");
        foreach (var scope in request.Scopes)
        {
            body.Append("<li>").Append(Html.Encode(Scopes.Describe(scope))).Append("</li>");
        }

        body.Append("</ul><form method=\"post\" action=\"")
            .Append(ConsentPath)
            .Append("\"><input type=\"hidden\" name=\"req\" value=\"")
            .Append(Html.Encode(requestId))
            .Append("\"><button id=\"deny\" type=\"submit\" class=\"secondary\" name=\"decision\" value=\"deny\">Deny</button>")
            .Append("<button id=\"allow\" type=\"submit\" name=\"decision\" value=\"allow\">Allow</button></form>");
        return Html.Page("Allow access? | Zendesk", body.ToString());
    }

    /// <summary>Shown instead of a redirect when the client or its redirect URL cannot be trusted.</summary>
    public static IResult Error(string error, string description) =>
        Html.Page(
            "Error | Zendesk",
            "<h1>An error has occurred</h1><p class=\"error\" role=\"alert\">"
                + $"<code>{Html.Encode(error)}</code>: {Html.Encode(description)}</p>",
            StatusCodes.Status400BadRequest
        );
}
