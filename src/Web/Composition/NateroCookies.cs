using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Composition;

internal static class NateroCookies
{
    /// <summary>
    /// Cookies are Secure and <c>__Host-</c> prefixed everywhere except in Development or where
    /// <c>Security:AllowInsecureCookies</c> is set, so that plain http on localhost works for a demo.
    /// </summary>
    public static NateroCookiePolicy AddNateroCookiePolicy(this IHostApplicationBuilder builder, NateroMount mount)
    {
        var secure = !(builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Security:AllowInsecureCookies"));
        var cookies = new NateroCookiePolicy(secure, mount);
        builder.Services.AddSingleton(cookies);
        builder.Services.AddSingleton<OAuthBrowserBinding>();
        return cookies;
    }
}
