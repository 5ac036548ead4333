using Natero.Connectors.SalesforceEmulator.Hosting;
using Natero.Connectors.SalesforceEmulator.Pages;

namespace Natero.Connectors.SalesforceEmulator.OAuth;

/// <summary>The browser part of the web-server flow: authorize, login, Allow / Deny.</summary>
internal sealed class AuthorizationFlow(
    EmulatorDirectory directory,
    BrowserSessions browser,
    TokenStore tokens,
    EmulatorFaults faults,
    EmulatorSettings settings
)
{
    public IResult Start(HttpContext context)
    {
        var host = context.Host();
        var query = context.Request.Query;
        var app = directory.FindApp(query["client_id"]);
        if (app is null)
        {
            return LoginPages.Error("invalid_client_id", "client identifier invalid");
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!app.CallbackUrls.Contains(redirectUri, StringComparer.Ordinal))
        {
            return LoginPages.Error("redirect_uri_mismatch", "redirect_uri must match configuration");
        }

        var requestedScopes = Scopes.Parse(query["scope"]);
        var prompts = Scopes.Parse(query["prompt"]);
        var challenge = query["code_challenge"].ToString();
        var request = new AuthorizationRequest(
            app,
            redirectUri,
            requestedScopes.Count == 0 ? app.Scopes : requestedScopes,
            query.TryGetValue("state", out var state) ? state.ToString() : null,
            challenge.Length == 0 ? null : challenge,
            query.TryGetValue("nonce", out var nonce) ? nonce.ToString() : null,
            query.TryGetValue("login_hint", out var loginHint) ? loginHint.ToString() : null,
            ForceLogin: prompts.Contains("login") || prompts.Contains("select_account"),
            ForceConsent: prompts.Contains("consent"),
            Immediate: string.Equals(query["immediate"], "true", StringComparison.OrdinalIgnoreCase)
        );

        if (InvalidRequest(request, query) is { } invalid)
        {
            return invalid;
        }

        if (faults.TryTake(EmulatorEndpoint.Authorize, f => f is AuthorizeErrorFault) is AuthorizeErrorFault injected)
        {
            context.Emulator().AppliedFault = injected.ToString();
            return CallbackRedirect.Error(request, injected.Error, injected.Description);
        }

        var requestId = browser.Begin(host, request);
        var user = request.ForceLogin ? null : browser.CurrentUser(context.Request.Cookies[BrowserSessions.CookieName], host);
        if (user is not null)
        {
            return Continue(context, requestId, request, user);
        }

        if (request.Immediate)
        {
            browser.Finish(requestId);
            return CallbackRedirect.Error(request, "immediate_unsuccessful", "user is not logged in");
        }

        return LoginPages.Login(host, requestId, request, request.LoginHint, error: null);
    }

    public async Task<IResult> LogIn(HttpContext context)
    {
        var host = context.Host();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var requestId = form["req"].ToString();
        var request = browser.Find(requestId, host);
        if (request is null)
        {
            return ExpiredPage();
        }

        var username = form["username"].ToString();
        var user = directory.FindUser(username);
        if (user is null || !string.Equals(user.Password, form["pw"], StringComparison.Ordinal) || !host.Admits(user.Org))
        {
            return LoginPages.Login(host, requestId, request, username, LoginPages.FailedLoginMessage);
        }

        context.Response.Cookies.Append(
            BrowserSessions.CookieName,
            browser.LogIn(host, user),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            }
        );
        return Continue(context, requestId, request, user);
    }

    public IResult ShowConsent(HttpContext context)
    {
        var host = context.Host();
        var requestId = context.Request.Query["req"].ToString();
        var request = browser.Find(requestId, host);
        if (request is null)
        {
            return ExpiredPage();
        }

        var user = browser.CurrentUser(context.Request.Cookies[BrowserSessions.CookieName], host);
        return user is null
            ? LoginPages.Login(host, requestId, request, request.LoginHint, error: null)
            : LoginPages.Consent(requestId, request, user);
    }

    public async Task<IResult> Decide(HttpContext context)
    {
        var host = context.Host();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var requestId = form["req"].ToString();
        var request = browser.Find(requestId, host);
        if (request is null)
        {
            return ExpiredPage();
        }

        var user = browser.CurrentUser(context.Request.Cookies[BrowserSessions.CookieName], host);
        if (user is null)
        {
            return LoginPages.Login(host, requestId, request, request.LoginHint, error: null);
        }

        browser.Finish(requestId);
        return string.Equals(form["decision"], "allow", StringComparison.OrdinalIgnoreCase)
            ? CallbackRedirect.Code(request, tokens.IssueCode(host, request, user))
            : CallbackRedirect.Error(request, "access_denied", "end-user denied authorization");
    }

    private static IResult? InvalidRequest(AuthorizationRequest request, IQueryCollection query)
    {
        if (!string.Equals(query["response_type"], "code", StringComparison.Ordinal))
        {
            return CallbackRedirect.Error(request, "unsupported_response_type", "response type not supported");
        }

        if (request.Scopes.FirstOrDefault(s => !request.App.Scopes.Contains(s)) is { } unknownScope)
        {
            return CallbackRedirect.Error(request, "invalid_scope", $"the requested scope is not allowed: {unknownScope}");
        }

        if (request.CodeChallenge is null)
        {
            return request.App.RequirePkce ? CallbackRedirect.Error(request, "invalid_request", "missing required code challenge") : null;
        }

        // Salesforce takes a challenge without a method as S256; the plain method is not offered.
        var method = query["code_challenge_method"].ToString();
        return method.Length == 0 || method == "S256"
            ? null
            : CallbackRedirect.Error(request, "invalid_request", "invalid code challenge method");
    }

    /// <summary>After the user is known: the org and app policies, then the Allow page unless already approved.</summary>
    private IResult Continue(HttpContext context, string requestId, AuthorizationRequest request, EmulatorUser user)
    {
        var refusal = Refusal(request.App, user);
        var needsConsent =
            request.ForceConsent
            || settings.AlwaysAskForConsent
            || (!request.App.RequiresAdminApprovalIn(user.Org) && !tokens.HasApproval(user, request.App, request.Scopes));
        if (refusal is null && needsConsent && !request.Immediate)
        {
            return Results.Redirect($"{LoginPages.ConsentPath}?req={Uri.EscapeDataString(requestId)}");
        }

        browser.Finish(requestId);
        if (refusal is { OnErrorPage: true } stop)
        {
            // Salesforce keeps the browser on its own page: the client's callback never hears of it.
            return Results.Redirect(LoginPages.ErrorPageUrl(stop.Code, stop.Description));
        }

        if (refusal is { } error)
        {
            return CallbackRedirect.Error(request, error.Code, error.Description);
        }

        return needsConsent
            ? CallbackRedirect.Error(request, "immediate_unsuccessful", "user has not approved this app")
            : CallbackRedirect.Code(request, tokens.IssueCode(context.Host(), request, user));
    }

    private static AuthorizeRefusal? Refusal(ConnectedApp app, EmulatorUser user)
    {
        if (!user.Active)
        {
            return new("inactive_user", "user is inactive");
        }

        if (!user.Org.Active)
        {
            return new("inactive_org", "organization is inactive");
        }

        if (app.IsBlockedIn(user.Org))
        {
            return new("OAUTH_APP_BLOCKED", "this app is blocked by admin");
        }

        if (app.NeedsInstallFor(user))
        {
            return new("invalid_client", "app must be installed into org", OnErrorPage: true);
        }

        if (!app.Admits(user))
        {
            var code = user.Org.ReportsAdminApprovalAsAccessDenied ? "access_denied" : "OAUTH_APP_ACCESS_DENIED";
            return new(code, "user is not admin approved to access this app");
        }

        return null;
    }

    private static IResult ExpiredPage() =>
        LoginPages.Error("invalid_request", "This login page has expired. Start again from the application.");

    /// <summary>Why authorize stops after login: redirected to the callback, or shown on Salesforce's error page.</summary>
    private sealed record AuthorizeRefusal(string Code, string Description, bool OnErrorPage = false);
}
