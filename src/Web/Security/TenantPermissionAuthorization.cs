using Microsoft.AspNetCore.Authorization;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Pages;

namespace Natero.Connectors.Web.Security;

/// <summary>The web layer's own check of a tenant permission; the mediator checks again.</summary>
internal sealed record TenantPermissionRequirement(string Permission) : IAuthorizationRequirement;

internal sealed class TenantPermissionHandler(ICurrentTenantAccess access, IHttpContextAccessor http, TenantRoute tenant)
    : AuthorizationHandler<TenantPermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantPermissionRequirement requirement)
    {
        // The host's authorization may run before the plugin's middleware: the tenant of the route is resolved here
        // if nobody did yet. An unknown tenant fails, and is answered 404 like in the middleware.
        if (http.HttpContext is { } request && await tenant.ResolveAsync(request) == TenantRouteResult.Unknown)
        {
            return;
        }

        if (await access.GetAsync(CancellationToken.None) is { } current && current.Has(requirement.Permission))
        {
            context.Succeed(requirement);
        }
        else if (http.HttpContext is { } httpContext)
        {
            // The error page names what is missing, so the person knows what to ask for.
            httpContext.Items[ErrorModel.DetailItemKey] =
                $"You need the \"{Permissions.DisplayName(requirement.Permission)}\" "
                + "permission in this tenant. Ask a member who can manage users to grant it.";
        }
    }
}

internal static class Policies
{
    /// <summary>Signed in as a person the plugin knows (its own account, or a host's user mapped to one).</summary>
    public const string SignedIn = "Natero.SignedIn";
    public const string PlatformStaff = "PlatformStaff";
    public const string PlatformAdmin = "PlatformAdmin";

    /// <summary>
    /// The policy name of a tenant permission is the permission itself. Every policy names the plugin's scheme, so
    /// that it holds whatever the host's default scheme is.
    /// </summary>
    public static void AddNateroPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(NateroSchemes.Plugin).RequireAuthenticatedUser());
        options.AddPolicy(PlatformStaff, p =>
            p.AddAuthenticationSchemes(NateroSchemes.Plugin).RequireRole(PlatformRoles.PlatformAdmin, PlatformRoles.PlatformAuditor)
        );
        options.AddPolicy(PlatformAdmin, p => p.AddAuthenticationSchemes(NateroSchemes.Plugin).RequireRole(PlatformRoles.PlatformAdmin));
        foreach (var permission in Permissions.All)
        {
            options.AddPolicy(permission.Name, p =>
                p.AddAuthenticationSchemes(NateroSchemes.Plugin)
                    .RequireAuthenticatedUser()
                    .AddRequirements(new TenantPermissionRequirement(permission.Name))
            );
        }
    }
}
