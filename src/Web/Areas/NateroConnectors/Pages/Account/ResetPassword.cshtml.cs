using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Natero.Connectors.Application.Accounts.Commands.ResetPassword;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>Chooses a new password through the emailed link, which works once, for one hour.</summary>
[EnableRateLimiting(SignInRateLimitPolicy.Name)]
public sealed class ResetPasswordModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string NewPassword { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Type the new password again.")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
    [Display(Name = "New password again")]
    public string ConfirmPassword { get; set; } = string.Empty;

    [TempData]
    public string? Message { get; set; }

    public void OnGet() => NoReferrer();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        NoReferrer();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await sender.Send(new ResetPasswordCommand(Token, NewPassword), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        Message = "Your password was changed and every session of your account was signed out. Sign in with the new password.";
        return RedirectToPage("/Account/SignIn");
    }

    /// <summary>The link's token is in this page's address: no other site may learn it from a Referer.</summary>
    private void NoReferrer() => Response.Headers["Referrer-Policy"] = "no-referrer";
}
