using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroPages
{
    /// <summary>Razor Pages signed in by default, their antiforgery and temp-data cookies, and problem details for errors.</summary>
    public static void AddNateroPages(this IServiceCollection services, NateroCookiePolicy cookies)
    {
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = cookies.Name("natero-af");
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
            options.FormFieldName = "__af";
            options.SuppressXFrameOptionsHeader = true;
        });
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
    }
}
