using Microsoft.AspNetCore.Mvc;

namespace Natero.Connectors.Web.Common;

/// <summary>
/// Links, redirects and form actions of the plugin, wherever it is mounted: the host's own path base, then the
/// plugin's prefix (<see cref="NateroMount"/>), then the path inside the plugin.
/// </summary>
public static class NateroUrls
{
    /// <summary>For pages and page models: <c>Url.Natero("/t/acme")</c>.</summary>
    public static string Natero(this IUrlHelper url, string path)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.ActionContext.HttpContext.NateroPath(path);
    }

    /// <summary>For middleware and endpoints: <c>context.NateroPath("/account/sign-in")</c>.</summary>
    public static string NateroPath(this HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.PathBase + context.RequestServices.GetRequiredService<NateroMount>().Path(path);
    }
}
