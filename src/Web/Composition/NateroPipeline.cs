using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroPipeline
{
    /// <summary>The middleware, in the order a request passes it.</summary>
    public static void UseNateroPipeline(this WebApplication app)
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
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix),
            api => api.UseMiddleware<IdempotencyMiddleware>()
        );
    }
}
