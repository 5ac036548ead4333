using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Security;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// Sets the current tenant from the <c>{tenant}</c> route value. A slug that does not exist, or
/// whose tenant the signed-in user does not belong to, is answered 404 here, before any page runs.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public const string RouteKey = "tenant";

    public async Task InvokeAsync(HttpContext context, ITenantContext tenantContext)
    {
        if (context.GetRouteValue(RouteKey) is not string slug)
        {
            await next(context);
            return;
        }

        // Resolved only here: a request without a tenant in its route needs no database.
        var db = context.RequestServices.GetRequiredService<IApplicationDbContext>();
        var access = context.RequestServices.GetRequiredService<ICurrentTenantAccess>();

        var normalised = slug.ToLowerInvariant();
        var tenant = await db
            .Tenants.AsNoTracking()
            .Where(t => t.Slug == normalised)
            .Select(t => new { t.Id, t.Slug })
            .SingleOrDefaultAsync(context.RequestAborted);
        if (tenant is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        tenantContext.SetTenant(tenant.Id, tenant.Slug);
        if (context.User.Identity?.IsAuthenticated == true && await access.GetAsync(context.RequestAborted) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    }
}
