using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroPipeline
{
    /// <summary>The middleware, in the order a request passes it.</summary>
    public static void UseNateroPipeline(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();

        app.UseMiddleware<RejectNulCharactersMiddleware>();
        app.UseNateroAssets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseMiddleware<SecondFactorEnrolmentMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix),
            api => api.UseMiddleware<IdempotencyMiddleware>()
        );
    }
}
