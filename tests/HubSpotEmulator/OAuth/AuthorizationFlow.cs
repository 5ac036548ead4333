using System.Globalization;
using System.Net;
using System.Text;
using Natero.Connectors.HubSpotEmulator.Hosting;
using Natero.Connectors.HubSpotEmulator.Pages;

namespace Natero.Connectors.HubSpotEmulator.OAuth;

/// <summary>The browser part of the install: install URL, login, account chooser, consent, callback.</summary>
internal sealed class AuthorizationFlow(EmulatorDirectory directory, BrowserSessions browser, TokenStore tokens, EmulatorSettings settings)
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes
            .MapGet("/oauth/authorize", static (HttpContext c, AuthorizationFlow flow) => flow.Start(c, null))
            .Tagged(EmulatorEndpoint.Authorize);
        routes
            .MapGet("/oauth/{hubId:long}/authorize", static (HttpContext c, long hubId, AuthorizationFlow flow) => flow.Start(c, hubId))
            .Tagged(EmulatorEndpoint.Authorize);
        routes
            .MapPost(AuthorizePages.LoginPath, static (HttpContext c, AuthorizationFlow flow) => flow.LogIn(c))
            .Tagged(EmulatorEndpoint.Authorize);
        routes
            .MapGet(AuthorizePages.ChooserPath, static (HttpContext c, AuthorizationFlow flow) => flow.ShowChooser(c))
            .Tagged(EmulatorEndpoint.Authorize);
        routes
            .MapPost(AuthorizePages.ChooserPath, static (HttpContext c, AuthorizationFlow flow) => flow.Choose(c))
            .Tagged(EmulatorEndpoint.Authorize);
        routes
            .MapGet(AuthorizePages.ConsentPath, static (HttpContext c, AuthorizationFlow flow) => flow.ShowConsent(c))
            .Tagged(EmulatorEndpoint.Authorize);
        routes
            .MapPost(AuthorizePages.ConsentPath, static (HttpContext c, AuthorizationFlow flow) => flow.Decide(c))
            .Tagged(EmulatorEndpoint.Authorize);
    }

    private IResult Start(HttpContext context, long? hubId)
    {
        var query = context.Request.Query;
        var app = directory.FindApp(query["client_id"]);
        if (app is null)
        {
            return AuthorizePages.Error("Authorization failed", "The client ID in the install URL does not belong to any app.");
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!app.CallbackUrls.Contains(redirectUri, StringComparer.Ordinal))
        {
            return AuthorizePages.Error("Authorization failed", "The redirect URL does not match any of the app's redirect URLs.");
        }

        var required = Scopes.Parse(query["scope"]);
        var optional = Scopes.Parse(query["optional_scope"]).Except(required).ToList();
        if (required.Count == 0)
        {
            return AuthorizePages.Error("Authorization failed", "The install URL has no scope parameter.");
        }

        if (required.Concat(optional).FirstOrDefault(s => !app.Scopes.Contains(s)) is { } unknown)
        {
            return AuthorizePages.Error(
                "Authorization failed",
                $"The scopes in the install URL do not match the app's configured scopes: '{unknown}' is not configured."
            );
        }

        Portal? portal = null;
        if (hubId is { } id && (portal = directory.FindPortal(id)) is null)
        {
            return AuthorizePages.Error("Authorization failed", $"There is no HubSpot account {id}.", StatusCodes.Status404NotFound);
        }

        var challenge = query["code_challenge"].ToString();
        var method = query["code_challenge_method"].ToString();
        if (challenge.Length > 0 && method is not ("" or "S256" or "plain"))
        {
            return AuthorizePages.Error("Authorization failed", $"The code challenge method '{method}' is not supported.");
        }

        var request = new AuthorizationRequest(
            app,
            redirectUri,
            required,
            optional,
            query.TryGetValue("state", out var state) ? state.ToString() : null,
            portal,
            challenge.Length == 0 ? null : challenge,
            method.Length == 0 ? "plain" : method
        );
        var requestId = browser.Begin(request);
        var user = browser.CurrentUser(context.Request.Cookies[BrowserSessions.CookieName]);
        return user is null ? AuthorizePages.Login(requestId, request, email: null, error: null) : Continue(requestId, user);
    }

    private async Task<IResult> LogIn(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var requestId = form["req"].ToString();
        if (browser.Find(requestId) is not { } pending)
        {
            return ExpiredPage();
        }

        var email = form["email"].ToString();
        var user = directory.FindUser(email);
        if (user is null || !user.Active || !string.Equals(user.Password, form["password"], StringComparison.Ordinal))
        {
            return AuthorizePages.Login(requestId, pending.Request, email, AuthorizePages.FailedLoginMessage);
        }

        context.Response.Cookies.Append(
            BrowserSessions.CookieName,
            browser.LogIn(user),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            }
        );
        return Continue(requestId, user);
    }

    private IResult ShowChooser(HttpContext context) =>
        WithPendingAndUser(context, context.Request.Query["req"], (requestId, pending, user) =>
            AuthorizePages.ChooseAccount(requestId, pending.Request, user)
        );

    private async Task<IResult> Choose(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return WithPendingAndUser(context, form["req"], (requestId, pending, user) =>
        {
            var chosen = long.TryParse(form["portalId"], NumberStyles.None, CultureInfo.InvariantCulture, out var hubId)
                ? user.Memberships.FirstOrDefault(m => m.Portal.HubId == hubId)
                : null;
            if (chosen is null)
            {
                return AuthorizePages.ChooseAccount(requestId, pending.Request, user);
            }

            pending.Portal = chosen.Portal;
            return ToConsent(requestId);
        });
    }

    private IResult ShowConsent(HttpContext context) =>
        WithPendingAndUser(context, context.Request.Query["req"], (requestId, pending, user) =>
        {
            if (Seat(pending, user) is not { } seat)
            {
                return Continue(requestId, user);
            }

            if (Refusal(pending.Request, seat) is { } refusal)
            {
                browser.Finish(requestId);
                return refusal;
            }

            var (granted, dropped) = Split(pending.Request, seat);
            return AuthorizePages.Consent(requestId, pending.Request, user, seat.Portal, granted, dropped);
        });

    private async Task<IResult> Decide(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        return WithPendingAndUser(context, form["req"], (requestId, pending, user) =>
        {
            if (Seat(pending, user) is not { } seat)
            {
                return Continue(requestId, user);
            }

            browser.Finish(requestId);
            var request = pending.Request;
            if (Refusal(request, seat) is { } refusal)
            {
                return refusal;
            }

            if (!string.Equals(form["decision"], "approve", StringComparison.Ordinal))
            {
                return settings.DenyRedirectsToCallback
                    ? Callback(request, ("error", "access_denied"), ("error_description", "The user did not connect the app."))
                    : AuthorizePages.Declined(request);
            }

            var (granted, _) = Split(request, seat);
            return Callback(request, ("code", tokens.IssueCode(request, seat.Portal, user, granted)));
        });
    }

    /// <summary>After login: the account named in the URL, the only account, or the chooser.</summary>
    private IResult Continue(string requestId, EmulatorUser user)
    {
        var pending = browser.Find(requestId);
        if (pending is null)
        {
            return ExpiredPage();
        }

        var memberships = user.Memberships;
        if (pending.Request.Portal is { } named)
        {
            if (memberships.All(m => m.Portal != named))
            {
                browser.Finish(requestId);
                return AuthorizePages.Error(
                    "Authorization failed",
                    $"{user.Email} is not a user in HubSpot account {named.HubId}.",
                    StatusCodes.Status403Forbidden
                );
            }

            pending.Portal = named;
            return ToConsent(requestId);
        }

        switch (memberships.Count)
        {
            case 0:
                browser.Finish(requestId);
                return AuthorizePages.Error(
                    "Authorization failed",
                    $"{user.Email} has no HubSpot account.",
                    StatusCodes.Status403Forbidden
                );
            case 1:
                pending.Portal = memberships[0].Portal;
                return ToConsent(requestId);
            default:
                return Results.Redirect($"{AuthorizePages.ChooserPath}?req={Uri.EscapeDataString(requestId)}");
        }
    }

    private IResult WithPendingAndUser(HttpContext context, string? requestId, Func<string, PendingInstall, EmulatorUser, IResult> next)
    {
        if (requestId is null || browser.Find(requestId) is not { } pending)
        {
            return ExpiredPage();
        }

        var user = browser.CurrentUser(context.Request.Cookies[BrowserSessions.CookieName]);
        return user is null ? AuthorizePages.Login(requestId, pending.Request, email: null, error: null) : next(requestId, pending, user);
    }

    private static PortalMembership? Seat(PendingInstall pending, EmulatorUser user) =>
        pending.Portal is { } portal ? user.MembershipIn(portal) : null;

    /// <summary>
    /// Installing takes Super Admin or Marketplace access, and every required scope must be grantable by this user in
    /// this account; HubSpot refuses on its own page, without telling the app.
    /// </summary>
    private static IResult? Refusal(AuthorizationRequest request, PortalMembership seat)
    {
        if (!seat.MayInstall)
        {
            return AuthorizePages.Error(
                "You don't have permission to connect this app",
                $"Installing apps in {seat.Portal.Name} takes a Super Admin or the Marketplace access permission.",
                StatusCodes.Status403Forbidden
            );
        }

        var missing = request.RequiredScopes.Where(s => !seat.CanGrant(s)).ToList();
        return missing.Count == 0
            ? null
            : AuthorizePages.Error(
                "You don't have permission to grant these scopes",
                $"This app requires scopes that you cannot grant in {seat.Portal.Name}: {string.Join(", ", missing)}.",
                StatusCodes.Status403Forbidden
            );
    }

    /// <summary>Required scopes plus the optional ones this user can grant here; the rest of the optional ones are dropped.</summary>
    private static (IReadOnlyList<string> Granted, IReadOnlyList<string> Dropped) Split(
        AuthorizationRequest request,
        PortalMembership seat
    ) =>
        (
            [.. request.RequiredScopes, .. request.OptionalScopes.Where(seat.CanGrant)],
            [.. request.OptionalScopes.Where(s => !seat.CanGrant(s))]
        );

    private static IResult ToConsent(string requestId) =>
        Results.Redirect($"{AuthorizePages.ConsentPath}?req={Uri.EscapeDataString(requestId)}");

    private static IResult Callback(AuthorizationRequest request, params (string Name, string Value)[] parameters)
    {
        var url = new StringBuilder(request.RedirectUri);
        var separator = request.RedirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in request.State is null ? parameters : [.. parameters, ("state", request.State)])
        {
            url.Append(separator).Append(name).Append('=').Append(WebUtility.UrlEncode(value));
            separator = '&';
        }

        return Results.Redirect(url.ToString());
    }

    private static IResult ExpiredPage() => AuthorizePages.Error("This page has expired", "Start again from the app you were connecting.");
}
