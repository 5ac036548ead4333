using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Natero.Connectors.Application.Accounts.Commands.SignInWithPasskey;
using Natero.Connectors.Application.Accounts.Queries.GetPasskeyOptions;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>
/// Where the "Sign in with a passkey" buttons post: the request options (JSON, for the page's script) and then the
/// authenticator's answer. <see cref="SecondFactor"/>: the second step after a correct password, where only a
/// passkey of that account will do. A refused passkey comes back here with the reason in words.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SignInRateLimitPolicy.Name)]
public sealed class PasskeySignInModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool SecondFactor { get; set; }

    /// <summary>A bound property, not a handler argument: the framework's trace log lists arguments, and this is a credential.</summary>
    [BindProperty]
    public string? CredentialJson { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostOptionsAsync(CancellationToken cancellationToken) =>
        PasskeyOptions.Json(await sender.Send(new GetPasskeyRequestOptionsQuery(SecondFactor), cancellationToken));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new SignInWithPasskeyCommand(CredentialJson ?? string.Empty), cancellationToken);
        if (result.IsSuccess)
        {
            // Only ever a page of this site: anything else would make sign-in an open redirect.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Natero("/"));
        }

        ModelState.AddModelError(string.Empty, result.Error!.Message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
