using Microsoft.EntityFrameworkCore;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Application.Common.Security;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// The tenant a request's route names (<c>/t/{tenant}/...</c>), resolved once per request by whichever asks first:
/// the host's authorization (a page's permission policy) or the plugin's middleware. The plugin cannot choose
/// where a host puts <c>UseAuthorization</c>, so neither may depend on the other having run.
/// </summary>
internal sealed class TenantRoute(IServiceProvider services)
{
    public const string RouteKey = "tenant";

    /// <summary>Set on a request whose tenant does not exist or does not count the signed-in person as a member.</summary>
    public const string UnknownItem = "natero.tenant-unknown";

    private (string Slug, Task<TenantRouteResult> Resolution)? _resolved;

    /// <summary>
    /// Kept for the request and the slug it was asked for; a resolution that failed (the database was away) is not
    /// kept, so that the error page a failure re-executes into does not fail again on it.
    /// </summary>
    public Task<TenantRouteResult> ResolveAsync(HttpContext context)
    {
        if (context.GetRouteValue(RouteKey) is not string slug)
        {
            return Task.FromResult(TenantRouteResult.NoTenant);
        }

        if (_resolved is { } kept && kept.Slug == slug && !kept.Resolution.IsFaulted && !kept.Resolution.IsCanceled)
        {
            return kept.Resolution;
        }

        var resolution = ResolveOnceAsync(context, slug);
        _resolved = (slug, resolution);
        return resolution;
    }

    private async Task<TenantRouteResult> ResolveOnceAsync(HttpContext context, string slug)
    {
        if (!TenantSlug.TryParse(slug, out var parsed))
        {
            return Unknown(context);
        }

        // Resolved only here: a request without a tenant in its route needs no database.
        var db = services.GetRequiredService<IApplicationDbContext>();
        var normalised = parsed.ToString();
        var tenant = await db
            .Tenants.AsNoTracking()
            .Where(t => t.Slug == normalised)
            .Select(t => new { t.Id, t.Slug })
            .SingleOrDefaultAsync(context.RequestAborted);
        if (tenant is null)
        {
            return Unknown(context);
        }

        services.GetRequiredService<ITenantContext>().SetTenant(tenant.Id, tenant.Slug);
        if (
            context.User.Identity?.IsAuthenticated == true
            && await services.GetRequiredService<ICurrentTenantAccess>().GetAsync(context.RequestAborted) is null
        )
        {
            return Unknown(context);
        }

        return TenantRouteResult.Resolved;
    }

    private static TenantRouteResult Unknown(HttpContext context)
    {
        context.Items[UnknownItem] = true;
        return TenantRouteResult.Unknown;
    }
}
