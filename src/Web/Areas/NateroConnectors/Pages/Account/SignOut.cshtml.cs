using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Infrastructure.Identity;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<ApplicationUser> signInManager) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return LocalRedirect(Url.Natero("/account/sign-in"));
    }
}
