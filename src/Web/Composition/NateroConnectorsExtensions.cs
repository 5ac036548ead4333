using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Natero.Connectors.Application.Common.Auditing;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Endpoints;
using Natero.Connectors.Web.Security;
using Natero.Connectors.Web.Security.Sso;

namespace Natero.Connectors.Web.Composition;

/// <summary>How a host mounts Natero Connectors: one services call and one mapping call.</summary>
public static class NateroConnectorsExtensions
{
    private const string NateroScheme = "Natero";

    /// <summary>
    /// Cookies are Secure and <c>__Host-</c> prefixed everywhere except in Development or where
    /// <c>Security:AllowInsecureCookies</c> is set, so that plain http on localhost works for a demo.
    /// </summary>
    public static IHostApplicationBuilder AddNateroConnectors(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        // Request lines carry the query string, and the OAuth callback's query is the authorization code
        // and state; a redirect line carries the authorize URL with the state. Neither may reach a log.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Mvc.Infrastructure.RedirectResultExecutor", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result.RedirectResult", LogLevel.Warning);

        // Below Information, the OpenID Connect handler writes the callback's URL (code and state) and the userinfo.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Authentication.OpenIdConnect", LogLevel.Information);
        var secure = !(builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Security:AllowInsecureCookies"));
        var cookies = new NateroCookiePolicy(secure);
        services.AddSingleton(cookies);
        services.AddSingleton<OAuthBrowserBinding>();

        services.AddNateroCore(builder.Configuration);
        services.AddTrustedProxies(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddScoped<IRequestContext, RequestContext>();

        // Pages sign in with a cookie, the API with a key: one policy scheme picks by path, so that the rate
        // limiter and everything else after authentication see the right principal.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = NateroScheme;
                options.DefaultChallengeScheme = NateroScheme;
            })
            .AddPolicyScheme(NateroScheme, "Cookie or API key", options => options.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddNateroOidc(builder.Configuration, cookies)
            .AddIdentityCookies();
        services.AddNateroApi(builder.Configuration);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = cookies.Name("natero");
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/access-denied";
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
                catch (Exception ex) when (Infrastructure.Persistence.DatabaseFailures.IsUnavailable(ex))
                {
                }
            };
            options.Events.OnSigningIn = SignInSessionCookie.OnSigningInAsync;
            options.Events.OnSigningOut = SignInSessionCookie.OnSigningOutAsync;

            // A refusal is answered in place with 403, so the error page can say which permission is missing.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = cookies.Name("natero-af");
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
            options.FormFieldName = "__af";
            options.SuppressXFrameOptionsHeader = true;
        });
        // A password change or reset renews the account's security stamp; every instance checks the stamp of a
        // session this often, so the account's other sessions end within it.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = builder.Configuration.GetValue("Security:SessionValidationInterval", TimeSpan.FromMinutes(1));
            options.OnRefreshingPrincipal = SignInSessionCookie.KeepSessionOnRefresh;
        });
        services.AddOptions<SignInRateLimits>().Bind(builder.Configuration.GetSection(SignInRateLimits.Section)).ValidateOnStart()
            .Validate(l => l.PermitLimit > 0 && l.Window > TimeSpan.Zero, "RateLimits:SignIn needs a PermitLimit above 0 and a Window above zero.");
        services.AddRateLimiter(options => options.AddPolicy<string, SignInRateLimitPolicy>(SignInRateLimitPolicy.Name));
        services.AddOptions<SecondFactorOptions>().Bind(builder.Configuration.GetSection(SecondFactorOptions.Section));
        services.AddAuthorization(options => options.AddNateroPolicies());
        services.AddScoped<IAuthorizationHandler, TenantPermissionHandler>();

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Account/SignIn");
            options.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
            options.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
            options.Conventions.AllowAnonymousToPage("/Account/Invitation");
            options.Conventions.AllowAnonymousToPage("/Account/SsoStart");
            options.Conventions.AllowAnonymousToPage("/Account/SsoCallback");
            options.Conventions.AllowAnonymousToPage("/Account/TwoFactor");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AuthorizeFolder("/Platform", Policies.PlatformStaff);
            options.Conventions.ConfigureFilter(new NoStoreAfterPost());
        });
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = cookies.Name("natero-tempdata");
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
        });
        services.AddHostedService<SignInBanner>();
        services.AddHostedService<StartupMemoryTrim>();
        return builder;
    }

    public static WebApplication MapNateroConnectors(this WebApplication app)
    {
        // First, so that everything after it (audit records, cookies, redirects) sees the client's
        // address and scheme, as told by a configured proxy and by nobody else.
        app.UseTrustedProxies();
        app.UseExceptionHandler("/error/500");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();

        app.UseMiddleware<RejectNulCharactersMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseMiddleware<SecondFactorEnrolmentMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix), api => api.UseMiddleware<IdempotencyMiddleware>());

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapRazorPages();
        app.MapOAuthCallback();
        app.MapNateroApi();
        app.MapNateroApiDocuments();
        return app;
    }
}
