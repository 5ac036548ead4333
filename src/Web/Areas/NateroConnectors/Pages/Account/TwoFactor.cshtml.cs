using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Natero.Connectors.Application.Accounts.SecondFactors;
using Natero.Connectors.Application.Common.Interfaces;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>The second step of a sign-in: a code of the authenticator app, or a recovery code.</summary>
[EnableRateLimiting(SignInRateLimitPolicy.Name)]
public sealed class TwoFactorModel(ISender sender, IAccounts accounts) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the code.")]
    [StringLength(32)]
    [Display(Name = "Code")]
    public string Code { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Recovery { get; set; }

    /// <summary>No sign-in waits for a second factor here (it timed out, or the page was opened on its own).</summary>
    public bool Expired { get; private set; }

    /// <summary>The factors of the account waiting here: a passkey-only account is asked for its passkey, not a code.</summary>
    public SecondFactorState? Factors { get; private set; }

    /// <summary>Whether the code form leads: the account has an authenticator app, or a recovery code was asked for.</summary>
    public bool AsksForCode => Recovery || Factors?.HasAuthenticator != false;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var pending = await accounts.GetSecondFactorPendingUserAsync(cancellationToken);
        Expired = pending is null;
        Factors = pending is null ? null : await accounts.GetSecondFactorsAsync(pending.Id, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var kind = Recovery ? SecondFactorKind.RecoveryCode : SecondFactorKind.AuthenticatorCode;
        var result = await sender.Send(new SecondFactorSignInCommand(kind, Code), cancellationToken);
        if (result.IsSuccess)
        {
            if (Recovery)
            {
                TempData["SecurityMessage"] =
                    result.Value.RecoveryCodesLeft <= 3
                        ? $"You signed in with a recovery code. You have {result.Value.RecoveryCodesLeft} left: make new ones below."
                        : $"You signed in with a recovery code. You have {result.Value.RecoveryCodesLeft} left.";
                return LocalRedirect(Url.Natero(SecondFactorEnrolmentMiddleware.SecurityPage));
            }

            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Natero("/"));
        }

        await LoadAsync(cancellationToken);
        Expired = result.Error!.Code == "second_factor_expired";
        ModelState.AddModelError(result.Error.Code == "wrong_code" ? nameof(Code) : string.Empty, result.Error.Message);
        return Page();
    }
}
