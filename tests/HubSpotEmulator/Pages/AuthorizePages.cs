using System.Globalization;
using System.Text;
using Natero.Connectors.HubSpotEmulator.OAuth;

namespace Natero.Connectors.HubSpotEmulator.Pages;

/// <summary>
/// The pages of app.hubspot.com's install flow. Element ids and names are stable for tests: <c>email</c>,
/// <c>password</c>, <c>login</c>; <c>portal-{hubId}</c> on the account chooser; <c>approve</c>, <c>deny</c> on the
/// consent page; <c>error</c> on any refusal.
/// </summary>
internal static class AuthorizePages
{
    public const string LoginPath = "/login";
    public const string ChooserPath = "/oauth/authorize/accounts";
    public const string ConsentPath = "/oauth/authorize/consent";

    public const string FailedLoginMessage = "That email and password combination isn't valid.";

    public static IResult Login(string requestId, AuthorizationRequest request, string? email, string? error)
    {
        var body = new StringBuilder()
            .Append("<h1>HubSpot</h1>")
            .Append("<p>Log in to connect <strong>")
            .Append(Html.Encode(request.App.Name))
            .Append("</strong> to your HubSpot account.</p>");
        AppendAlert(body, error);
        body.Append("<form method=\"post\" action=\"")
            .Append(LoginPath)
            .Append("\">")
            .Append(Hidden(requestId))
            .Append("<label for=\"email\">Email address</label>")
            .Append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"")
            .Append(Html.Encode(email))
            .Append("\">")
            .Append("<label for=\"password\">Password</label>")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>")
            .Append("<button id=\"login\" type=\"submit\">Log in</button>")
            .Append("</form>");
        return Html.Page("HubSpot Login", body.ToString());
    }

    public static IResult ChooseAccount(string requestId, AuthorizationRequest request, EmulatorUser user)
    {
        var body = new StringBuilder()
            .Append("<h1>Choose an account</h1>")
            .Append("<p>Which account do you want to connect <strong>")
            .Append(Html.Encode(request.App.Name))
            .Append("</strong> to? Logged in as ")
            .Append(Html.Encode(user.Email))
            .Append(".</p>")
            .Append("<form method=\"post\" action=\"")
            .Append(ChooserPath)
            .Append("\">")
            .Append(Hidden(requestId));
        foreach (var portal in user.Memberships.Select(m => m.Portal))
        {
            var hubId = portal.HubId.ToString(CultureInfo.InvariantCulture);
            body.Append("<button type=\"submit\" class=\"account\" id=\"portal-")
                .Append(hubId)
                .Append("\" name=\"portalId\" value=\"")
                .Append(hubId)
                .Append("\">")
                .Append(Html.Encode(portal.Name))
                .Append(" <span class=\"note\">")
                .Append(hubId)
                .Append(" &middot; ")
                .Append(Html.Encode(portal.HubDomain))
                .Append("</span></button>");
        }

        body.Append("</form>");
        return Html.Page("Choose an account | HubSpot", body.ToString());
    }

    public static IResult Consent(
        string requestId,
        AuthorizationRequest request,
        EmulatorUser user,
        Portal portal,
        IReadOnlyList<string> granted,
        IReadOnlyList<string> dropped
    )
    {
        var body = new StringBuilder()
            .Append("<h1>Connect ")
            .Append(Html.Encode(request.App.Name))
            .Append("</h1><p>to <strong>")
            .Append(Html.Encode(portal.Name))
            .Append("</strong> (")
            .Append(portal.HubId.ToString(CultureInfo.InvariantCulture))
            .Append(") as ")
            .Append(Html.Encode(user.Email))
            .Append(". The app will be able to:</p><ul id=\"scopes\">");
        foreach (var scope in granted)
        {
            body.Append("<li data-scope=\"")
                .Append(Html.Encode(scope))
                .Append("\">")
                .Append(Html.Encode(Scopes.Describe(scope)))
                .Append("</li>");
        }

        body.Append("</ul>");
        if (dropped.Count > 0)
        {
            body.Append("<p class=\"note\" id=\"dropped-scopes\">Not granted (optional, not available to you in this account): ")
                .Append(Html.Encode(string.Join(", ", dropped)))
                .Append("</p>");
        }

        body.Append("<form method=\"post\" action=\"")
            .Append(ConsentPath)
            .Append("\">")
            .Append(Hidden(requestId))
            .Append("<button id=\"deny\" type=\"submit\" class=\"secondary\" name=\"decision\" value=\"deny\">Cancel</button>")
            .Append("<button id=\"approve\" type=\"submit\" name=\"decision\" value=\"approve\">Connect app</button>")
            .Append("</form>");
        return Html.Page("Connect app | HubSpot", body.ToString());
    }

    /// <summary>What HubSpot shows when the user does not connect the app: nothing is sent to the app.</summary>
    public static IResult Declined(AuthorizationRequest request) =>
        Html.Page(
            "App not connected | HubSpot",
            "<h1>App not connected</h1><p id=\"declined\">You did not connect <strong>"
                + Html.Encode(request.App.Name)
                + "</strong>. You can close this window.</p>"
        );

    /// <summary>A refusal shown by HubSpot itself: no redirect, because the request or the user cannot be trusted with one.</summary>
    public static IResult Error(string title, string message, int statusCode = StatusCodes.Status400BadRequest) =>
        Html.Page(
            title + " | HubSpot",
            $"<h1>{Html.Encode(title)}</h1><p class=\"error\" id=\"error\" role=\"alert\">{Html.Encode(message)}</p>",
            statusCode
        );

    private static string Hidden(string requestId) => $"<input type=\"hidden\" name=\"req\" value=\"{Html.Encode(requestId)}\">";

    private static void AppendAlert(StringBuilder body, string? error)
    {
        if (error is not null)
        {
            body.Append("<p class=\"error\" id=\"error\" role=\"alert\">").Append(Html.Encode(error)).Append("</p>");
        }
    }
}
