using Microsoft.AspNetCore.Identity;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;
using Natero.Connectors.Web.Security.HostUsers;
using Natero.Connectors.Web.Security.Sso;

namespace Natero.Connectors.Web.Composition;

internal static class NateroAuthentication
{
    /// <summary>
    /// The schemes (the person's cookie or the host's sign-in, an API key, single sign-on), the sign-in cookie, and
    /// how often a session is checked. None of them becomes a default of the application.
    /// </summary>
    public static void AddNateroAuthentication(
        this IServiceCollection services,
        IConfiguration configuration,
        NateroCookiePolicy cookies,
        NateroAccounts accounts
    )
    {
        // Pages sign the person in (the plugin's cookie, or the host's sign-in mapped to a plugin account), the API
        // with a key: one policy scheme picks by path, and every policy of the plugin names it.
        var person = accounts.HostScheme is null ? IdentityConstants.ApplicationScheme : NateroSchemes.HostUser;
        var authentication = services
            .AddAuthentication()
            .AddPolicyScheme(NateroSchemes.Plugin, "The person or an API key", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments(cookies.Path("/api"), StringComparison.OrdinalIgnoreCase)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : person
            )
            .AddNateroOidc(configuration, cookies);
        authentication.AddIdentityCookies();
        if (accounts.HostScheme is { } hostScheme)
        {
            authentication.AddNateroHostUsers(configuration, hostScheme);
        }

        services.ConfigureApplicationCookie(options => ConfigureSignInCookie(options, cookies));

        // Identity's other cookies (an external sign-in on its way back, the two steps of a second factor) stay
        // under the plugin's path too.
        foreach (
            var scheme in new[]
            {
                IdentityConstants.ExternalScheme,
                IdentityConstants.TwoFactorUserIdScheme,
                IdentityConstants.TwoFactorRememberMeScheme,
            }
        )
        {
            services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, options =>
                options.Cookie.Path = cookies.CookiePath
            );
        }

        // A password change or reset renews the account's security stamp; every instance checks the stamp of a
        // session this often, so the account's other sessions end within it.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = configuration.GetValue("Security:SessionValidationInterval", TimeSpan.FromMinutes(1));
            options.OnRefreshingPrincipal = SignInSessionCookie.KeepSessionOnRefresh;
        });
    }

    private static void ConfigureSignInCookie(
        Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions options,
        NateroCookiePolicy cookies
    )
    {
        options.Cookie.Name = cookies.Name("natero");
        options.Cookie.Path = cookies.CookiePath;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = cookies.SecurePolicy;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.LoginPath = cookies.Path("/account/sign-in");
        options.LogoutPath = cookies.Path("/account/sign-out");
        options.AccessDeniedPath = cookies.Path("/account/access-denied");
        options.ReturnUrlParameter = "returnUrl";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context =>
        {
            if (ProblemDetailsDefaults.WantsHtml(context.Request))
            {
                context.Response.Redirect(context.RedirectUri);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            }

            return Task.CompletedTask;
        };

        // The session is checked against the account's security stamp (a password change ends the others).
        // While the database is away the check cannot run: the session stays, and the page that needs the
        // database answers 503 as every other request does, instead of the check failing the error page too.
        // Then the session itself must still be open: ending one (signing out elsewhere, an admin, a new
        // factor) makes its cookie useless on the next request, on every instance.
        options.Events.OnValidatePrincipal = async context =>
        {
            try
            {
                await SecurityStampValidator.ValidatePrincipalAsync(context);
                if (context.Principal is not null)
                {
                    await SignInSessionCookie.ValidateAsync(context);
                }
            }
            catch (Exception ex) when (Infrastructure.Persistence.DatabaseFailures.IsUnavailable(ex)) { }
        };
        options.Events.OnSigningIn = SignInSessionCookie.OnSigningInAsync;
        options.Events.OnSigningOut = SignInSessionCookie.OnSigningOutAsync;

        // A refusal is answered in place with 403, so the error page can say which permission is missing; a tenant that
        // does not exist or is not the person's is 404, as the tenant middleware answers it.
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = context.HttpContext.Items.ContainsKey(TenantRoute.UnknownItem)
                ? StatusCodes.Status404NotFound
                : StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
