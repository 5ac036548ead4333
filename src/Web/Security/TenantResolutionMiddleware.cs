namespace Natero.Connectors.Web.Security;

/// <summary>
/// Sets the current tenant from the <c>{tenant}</c> route value (<see cref="TenantRoute"/>). A slug that does not
/// exist, or whose tenant the signed-in user does not belong to, is answered 404 here, before any page runs.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantRoute tenant)
    {
        if (await tenant.ResolveAsync(context) == TenantRouteResult.Unknown)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    }
}
