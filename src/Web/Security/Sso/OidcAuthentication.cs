using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Natero.Connectors.Application.Accounts.Commands.RecordSsoFailure;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Security.Sso;

/// <summary>
/// One OpenID Connect handler per configured provider (scheme <c>oidc-{name}</c>, callback
/// <c>/signin-oidc/{name}</c>): code flow with PKCE, state and nonce, issuer and audience checked, signing
/// into Identity's external cookie. The callback page then lets the application decide who that is.
/// </summary>
public static class OidcAuthentication
{
    public const string SchemePrefix = "oidc-";

    /// <summary>The authentication property naming the provider, kept in the protected state.</summary>
    public const string ProviderItem = "natero.sso.provider";

    private const string BackchannelName = "oidc-backchannel";

    /// <summary>The longest wait for one call to a provider (discovery, keys, token, userinfo).</summary>
    private static readonly TimeSpan BackchannelTimeout = TimeSpan.FromSeconds(15);

    public static string SchemeFor(string provider) => SchemePrefix + provider;

    public static AuthenticationBuilder AddNateroOidc(
        this AuthenticationBuilder authentication,
        IConfiguration configuration,
        NateroCookiePolicy cookies
    )
    {
        var options = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Single sign-on is misconfigured: {string.Join(" ", problems)}");
        }

        var providers = options
            .Providers.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new SsoProvider(
                p.Key,
                string.IsNullOrWhiteSpace(p.Value.DisplayName) ? p.Key : p.Value.DisplayName.Trim(),
                EmailDomains.Normalise(p.Value.EmailDomains)
            ))
            .ToList();
        var services = authentication.Services;
        services.AddSingleton<ISsoProviders>(new ConfiguredSsoProviders(providers));
        services.AddHttpClient(BackchannelName, http => http.Timeout = BackchannelTimeout);
        foreach (var (name, provider) in options.Providers)
        {
            var displayName = providers.Single(p => p.Name == name).DisplayName;
            authentication.AddOpenIdConnect(SchemeFor(name), displayName, oidc =>
                Configure(oidc, name, provider, options.AllowLoopbackHttp, cookies)
            );
            services
                .AddOptions<OpenIdConnectOptions>(SchemeFor(name))
                .Configure<IHttpClientFactory>(
                    (oidc, http) =>
                    {
                        oidc.Backchannel = http.CreateClient(BackchannelName);
                        oidc.BackchannelTimeout = BackchannelTimeout;
                    }
                );
        }

        return authentication;
    }

    private static void Configure(
        OpenIdConnectOptions oidc,
        string name,
        OidcProviderOptions provider,
        bool allowLoopbackHttp,
        NateroCookiePolicy cookies
    )
    {
        var authority = new Uri(provider.Authority!);
        oidc.Authority = provider.Authority;
        oidc.RequireHttpsMetadata = !(allowLoopbackHttp && OidcOptions.IsLoopback(authority));
        oidc.ClientId = provider.ClientId;
        oidc.ClientSecret = provider.ClientSecret;
        oidc.CallbackPath = cookies.Path($"/signin-oidc/{name}");
        oidc.SignedOutCallbackPath = cookies.Path($"/signout-callback-oidc/{name}");
        oidc.RemoteSignOutPath = cookies.Path($"/signout-oidc/{name}");
        oidc.SignInScheme = IdentityConstants.ExternalScheme;
        oidc.ResponseType = OpenIdConnectResponseType.Code;

        // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be
        // SameSite=Lax; request lines (which carry that query) are kept out of the logs by the host's filters.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.UsePkce = true;
        oidc.Scope.Clear();
        foreach (var scope in provider.ScopeList())
        {
            oidc.Scope.Add(scope);
        }

        oidc.MapInboundClaims = false;
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        oidc.SaveTokens = false;
        oidc.DisableTelemetry = true;
        oidc.TokenValidationParameters.NameClaimType = "name";
        oidc.TokenValidationParameters.ValidateIssuer = true;
        oidc.TokenValidationParameters.ValidateAudience = true;
        oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
        oidc.CorrelationCookie.SecurePolicy = cookies.SecurePolicy;
        oidc.NonceCookie.SameSite = SameSiteMode.Lax;
        oidc.NonceCookie.SecurePolicy = cookies.SecurePolicy;
        oidc.Events.OnRemoteFailure = context => RefuseAsync(context, name);
    }

    /// <summary>
    /// A callback that failed validation signs nobody in: it is audited by the reason's code only (never the
    /// exception's text, which may quote the response) and the person sees the callback page's explanation.
    /// </summary>
    private static async Task RefuseAsync(RemoteFailureContext context, string provider)
    {
        var reason = SsoFailureReasons.Classify(context.Failure);
        await context
            .HttpContext.RequestServices.GetRequiredService<ISender>()
            .Send(new RecordSsoFailureCommand(provider, reason), context.HttpContext.RequestAborted);
        context.Response.Redirect($"{context.HttpContext.NateroPath("/account/sso-callback")}?error={reason}");
        context.HandleResponse();
    }

    private sealed class ConfiguredSsoProviders(IReadOnlyList<SsoProvider> providers) : ISsoProviders
    {
        public IReadOnlyList<SsoProvider> All => providers;
    }
}
