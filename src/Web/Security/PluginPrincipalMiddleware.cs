using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Natero.Connectors.Web.Security;

/// <summary>
/// For the plugin's own requests, the person (or API key) is the plugin's scheme's, whatever the host's default
/// scheme put in <c>HttpContext.User</c>: a host principal is never read as a plugin account. Nobody signed in to the
/// plugin is anonymous here. The result is kept for the request, so the policies that name the scheme reuse it.
/// </summary>
internal sealed class PluginPrincipalMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(NateroSchemes.Plugin);
        context.User = result.Succeeded ? result.Principal : new ClaimsPrincipal(new ClaimsIdentity());
        await next(context);
    }
}
