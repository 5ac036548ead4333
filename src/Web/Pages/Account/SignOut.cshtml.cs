using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Infrastructure.Identity;

namespace Natero.Connectors.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<ApplicationUser> signInManager) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return LocalRedirect("/account/sign-in");
    }
}
