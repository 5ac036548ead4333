using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;
using Natero.Connectors.Web.Security.Sso;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>A "Sign in with ..." button: sends the browser to the provider, with state, nonce and PKCE.</summary>
[EnableRateLimiting(SignInRateLimitPolicy.Name)]
public sealed class SsoStartModel(ISsoProviders providers) : PageModel
{
    /// <summary>Opened by hand (a bookmark, a shared link): says where single sign-on starts, without starting it.</summary>
    public IActionResult OnGet() => Page();

    public IActionResult OnPost(string provider, string? returnUrl)
    {
        if (providers.Find(provider) is null)
        {
            return NotFound();
        }

        // Only ever a page of this site, carried inside the protected state rather than in a URL.
        var local = Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Natero("/");
        var properties = new AuthenticationProperties { RedirectUri = Url.Page("/Account/SsoCallback", new { returnUrl = local }) };
        properties.Items[OidcAuthentication.ProviderItem] = provider;
        return Challenge(properties, OidcAuthentication.SchemeFor(provider));
    }
}
