using Natero.Connectors.Web.Api;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroPipeline
{
    /// <summary>
    /// The plugin's middleware that needs the signed-in person, in the order a request passes it: authentication,
    /// then (for the plugin's own requests only) the plugin's own principal, the tenant of the route, the
    /// second-factor rule and the rate limits, then authorization, then idempotent replays of the API. It goes where
    /// the host calls
    /// <c>MapNateroConnectors</c>: after the host's own proxy headers and error pages, which a host adds first.
    /// </summary>
    /// <remarks>
    /// Authentication again where a host already called it costs nothing (a request's result is kept). A host's
    /// own <c>UseAuthorization</c> earlier in the pipeline would check the plugin's pages before these (a sign-in
    /// is still required and the tenant is still resolved, see <see cref="TenantRoute"/>; only the order of the
    /// answers differs), so the README asks for it after <c>MapNateroConnectors</c>. What must come before anything
    /// of the host's is at the front of the pipeline (<see cref="NateroFrontMiddleware"/>).
    /// </remarks>
    public static void UseNateroPipeline(this WebApplication app, NateroMount mount)
    {
        app.UseAuthentication();
        app.UseWhen(
            context => mount.Owns(context.Request.Path),
            plugin =>
            {
                plugin.UseMiddleware<PluginPrincipalMiddleware>();
                plugin.UseMiddleware<TenantResolutionMiddleware>();
                plugin.UseMiddleware<SecondFactorEnrolmentMiddleware>();
                plugin.UseRateLimiter();
            }
        );
        app.UseAuthorization();
        app.UseWhen(ApiEndpoints.IsApiRequest, api => api.UseMiddleware<IdempotencyMiddleware>());
    }
}
