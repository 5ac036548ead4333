using System.Reflection;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroPages
{
    /// <summary>The area of the plugin's pages (<c>src/Web/Areas/NateroConnectors/Pages</c>), apart from the host's own pages.</summary>
    public const string Area = "NateroConnectors";

    /// <summary>Razor Pages signed in by default, their antiforgery and temp-data cookies, and problem details for errors.</summary>
    public static void AddNateroPages(
        this IServiceCollection services,
        NateroCookiePolicy cookies,
        NateroMount mount,
        NateroAccounts accounts
    )
    {
        services.AddAntiforgery(options =>
        {
            // One antiforgery per application: the host's forms use it too, so its cookie covers the whole site.
            options.Cookie.Name = cookies.ApplicationWideName("natero-af");
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
            options.FormFieldName = "__af";
            options.SuppressXFrameOptionsHeader = true;
        });
        services
            .AddRazorPages(options =>
            {
                // Each page's own template (@page "/t/{tenant}") is a path inside the plugin; the prefix goes in front.
                options.Conventions.AddAreaFolderRouteModelConvention(Area, "/", page => UnderPrefix(page, mount));
                if (!accounts.AreOwn)
                {
                    // People sign in, change passwords, accept invitations and manage factors at the host.
                    options.Conventions.AddAreaFolderRouteModelConvention(Area, "/Account", page => page.Selectors.Clear());
                }

                options.Conventions.AuthorizeAreaFolder(Area, "/", Policies.SignedIn);
                foreach (var anonymous in AnonymousPages)
                {
                    options.Conventions.AllowAnonymousToAreaPage(Area, anonymous);
                }

                options.Conventions.AuthorizeAreaFolder(Area, "/Platform", Policies.PlatformStaff);
                options.Conventions.AddAreaFolderApplicationModelConvention(Area, "/", page => page.Filters.Add(new NoStoreAfterPost()));
            })
            .ConfigureApplicationPartManager(parts => AddOnce(parts, typeof(NateroPages).Assembly));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Customize);
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = cookies.ApplicationWideName("natero-tempdata");
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = cookies.SecurePolicy;
        });
    }

    private static readonly string[] AnonymousPages =
    [
        "/Account/SignIn",
        "/Account/ForgotPassword",
        "/Account/ResetPassword",
        "/Account/Invitation",
        "/Account/SsoStart",
        "/Account/SsoCallback",
        "/Account/TwoFactor",
        "/Error",
    ];

    private static void UnderPrefix(PageRouteModel page, NateroMount mount)
    {
        var prefix = mount.Prefix.TrimStart('/');
        if (prefix.Length == 0)
        {
            return;
        }

        foreach (var selector in page.Selectors.Where(s => s.AttributeRouteModel is not null))
        {
            selector.AttributeRouteModel!.Template = AttributeRouteModel.CombineTemplates(prefix, selector.AttributeRouteModel.Template);
        }
    }

    /// <summary>
    /// The pages are found wherever the plugin is referenced from (a project or a package), without relying on the
    /// host's build to list it, and never twice.
    /// </summary>
    private static void AddOnce(ApplicationPartManager parts, Assembly assembly)
    {
        if (parts.ApplicationParts.Any(p => p is AssemblyPart part && part.Assembly == assembly))
        {
            return;
        }

        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            parts.ApplicationParts.Add(part);
        }
    }
}
