namespace Natero.Connectors.Web.Security;

/// <summary>
/// Ties an OAuth attempt to the browser that started it: a random value in an HttpOnly, SameSite=Lax
/// cookie that the callback must bring back. Only its hash is stored.
/// </summary>
public sealed class OAuthBrowserBinding(NateroCookiePolicy policy)
{
    private string CookieName => policy.Name("natero-oauth");

    public void Set(HttpResponse response, string value, DateTimeOffset expiresAt) =>
        response.Cookies.Append(
            CookieName,
            value,
            new CookieOptions
            {
                HttpOnly = true,
                Secure = policy.Secure || response.HttpContext.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                Path = policy.CookiePath,
                Expires = expiresAt,
                IsEssential = true,
            }
        );

    public string? Read(HttpRequest request) => request.Cookies[CookieName];

    public void Clear(HttpResponse response) =>
        response.Cookies.Delete(
            CookieName,
            new CookieOptions
            {
                Path = policy.CookiePath,
                Secure = policy.Secure || response.HttpContext.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
            }
        );
}
