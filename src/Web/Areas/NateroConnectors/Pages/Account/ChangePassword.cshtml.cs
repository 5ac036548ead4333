using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Accounts.Commands.ChangePassword;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>Changes the signed-in person's password; their other sessions end, this one stays.</summary>
public sealed class ChangePasswordModel(ISender sender) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    public string CurrentPassword { get; set; } = string.Empty;

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

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await sender.Send(new ChangePasswordCommand(CurrentPassword, NewPassword), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        Message = "Your password was changed. Your other sessions were signed out.";
        return RedirectToPage();
    }
}
