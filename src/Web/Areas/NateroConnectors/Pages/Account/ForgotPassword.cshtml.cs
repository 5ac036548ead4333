using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Natero.Connectors.Application.Accounts.Commands.RequestPasswordReset;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>Asks for a reset link. The answer is the same whether or not the email has an account.</summary>
[EnableRateLimiting(SignInRateLimitPolicy.Name)]
public sealed class ForgotPasswordModel(ISender sender) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await sender.Send(new RequestPasswordResetCommand(Email), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        Sent = true;
        return Page();
    }
}
