using Natero.Connectors.ZendeskEmulator.Hosting;
using Natero.Connectors.ZendeskEmulator.Pages;

namespace Natero.Connectors.ZendeskEmulator.OAuth;

/// <summary>The browser part of the authorization code grant: authorize, sign in, Allow / Deny.</summary>
internal sealed class AuthorizationFlow(EmulatorDirectory directory, BrowserSessions browser, TokenStore tokens)
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes
            .MapGet("/oauth/authorizations/new", static (HttpContext context, AuthorizationFlow flow) => flow.Start(context))
            .Tagged(EmulatorEndpoint.Authorize);
        routes.MapPost(AuthorizationPages.LoginPath, static (HttpContext context, AuthorizationFlow flow) => flow.SignIn(context));
        routes.MapGet(AuthorizationPages.ConsentPath, static (HttpContext context, AuthorizationFlow flow) => flow.ShowConsent(context));
        routes.MapPost(AuthorizationPages.ConsentPath, static (HttpContext context, AuthorizationFlow flow) => flow.Decide(context));
    }

    private IResult Start(HttpContext context)
    {
        var account = context.Account();
        var query = context.Request.Query;

        // A client of another account does not exist on this one (unless it is global): no redirect to an untrusted URL.
        var client = directory.FindClient(query["client_id"], account);
        if (client is null)
        {
            return AuthorizationPages.Error("invalid_client", OAuthErrors.InvalidClient);
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (redirectUri.Length == 0 && client.RedirectUrls.Count == 1)
        {
            redirectUri = client.RedirectUrls[0];
        }

        if (!client.RedirectUrls.Contains(redirectUri, StringComparer.Ordinal))
        {
            return AuthorizationPages.Error("invalid_redirect_uri", OAuthErrors.InvalidRedirectUri);
        }

        var state = query.TryGetValue("state", out var stateValue) ? stateValue.ToString() : null;
        if (!string.Equals(query["response_type"], "code", StringComparison.Ordinal))
        {
            return CallbackRedirect.Error(redirectUri, state, "unsupported_response_type", OAuthErrors.UnsupportedResponseType);
        }

        var scopes = Scopes.Parse(query["scope"]);
        if (scopes.Count == 0 || !scopes.All(Scopes.IsKnown))
        {
            return CallbackRedirect.Error(redirectUri, state, "invalid_scope", OAuthErrors.InvalidScope);
        }

        var challenge = query["code_challenge"].ToString();
        if (challenge.Length > 0 && !string.Equals(query["code_challenge_method"], "S256", StringComparison.Ordinal))
        {
            return CallbackRedirect.Error(redirectUri, state, "invalid_request", OAuthErrors.InvalidRequest);
        }

        var request = new AuthorizationRequest(account, client, redirectUri, scopes, state, challenge.Length == 0 ? null : challenge);
        var requestId = browser.Begin(request);
        return browser.CurrentUser(context.Request, account) is null
            ? AuthorizationPages.Login(requestId, request, email: null, error: null)
            : ToConsent(requestId);
    }

    private async Task<IResult> SignIn(HttpContext context)
    {
        var account = context.Account();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var requestId = form["req"].ToString();
        if (browser.Find(requestId, account) is not { } request)
        {
            return ExpiredPage();
        }

        var email = form["email"].ToString();
        var user = directory.FindUser(account, email);
        if (user is null || user.Suspended || !TokenValues.FixedTimeEquals(user.Password, form["password"].ToString()))
        {
            return AuthorizationPages.Login(requestId, request, email, AuthorizationPages.FailedLoginMessage);
        }

        context.Response.Cookies.Append(
            BrowserSessions.CookieName(account),
            browser.SignIn(user),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            }
        );
        return ToConsent(requestId);
    }

    private IResult ShowConsent(HttpContext context)
    {
        var account = context.Account();
        var requestId = context.Request.Query["req"].ToString();
        if (browser.Find(requestId, account) is not { } request)
        {
            return ExpiredPage();
        }

        return browser.CurrentUser(context.Request, account) is { } user
            ? AuthorizationPages.Consent(requestId, request, user)
            : AuthorizationPages.Login(requestId, request, email: null, error: null);
    }

    private async Task<IResult> Decide(HttpContext context)
    {
        var account = context.Account();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var requestId = form["req"].ToString();
        if (browser.Find(requestId, account) is not { } request)
        {
            return ExpiredPage();
        }

        if (browser.CurrentUser(context.Request, account) is not { } user)
        {
            return AuthorizationPages.Login(requestId, request, email: null, error: null);
        }

        browser.Finish(requestId);
        return string.Equals(form["decision"], "allow", StringComparison.Ordinal)
            ? CallbackRedirect.Code(request, tokens.IssueCode(request, user))
            : CallbackRedirect.Error(request, "access_denied", OAuthErrors.AccessDenied);
    }

    private static IResult ToConsent(string requestId) =>
        Results.Redirect($"{AuthorizationPages.ConsentPath}?req={Uri.EscapeDataString(requestId)}");

    private static IResult ExpiredPage() =>
        AuthorizationPages.Error("invalid_request", "This sign-in page has expired. Start again from the application.");
}
