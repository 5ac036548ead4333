using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

/// <summary>
/// The plugin's middleware that must come before anything of the host's can answer one of its requests: the security
/// headers (so that a redirect to sign in carries them too), the refusal of NUL characters (before a value reaches
/// authentication or a query) and the embedded assets (which need no sign-in). A startup filter puts them at the
/// front of the host's pipeline, for the plugin's own paths only.
/// </summary>
internal sealed class NateroFrontMiddleware(NateroMount mount) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.UseWhen(
                context => mount.Owns(context.Request.Path),
                plugin =>
                {
                    plugin.UseMiddleware<SecurityHeadersMiddleware>();
                    plugin.UseMiddleware<RejectNulCharactersMiddleware>();
                    plugin.UseNateroAssets(mount);
                }
            );
            next(app);
        };
}
