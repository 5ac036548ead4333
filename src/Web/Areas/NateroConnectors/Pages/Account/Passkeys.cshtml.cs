using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Accounts.Commands.AddPasskey;
using Natero.Connectors.Application.Accounts.Commands.RemovePasskey;
using Natero.Connectors.Application.Accounts.Queries.GetPasskeyOptions;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Pages.Shared.Passkeys;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>
/// Where the passkeys section of the security page posts: the options that start adding one (JSON, for the
/// section's script), adding it, and removing one. Each form comes back to the page it was posted from with the outcome.
/// </summary>
public sealed class PasskeysModel(ISender sender) : PageModel
{
    /// <summary>A bound property, not a handler argument: the framework's trace log lists arguments, and this is a credential.</summary>
    [BindProperty]
    public string? CredentialJson { get; set; }

    /// <summary>The passkeys are listed, with the other factors, on the security page.</summary>
    public IActionResult OnGet() => LocalRedirect(Url.Natero("/account/security") + "#passkeys");

    public async Task<IActionResult> OnPostOptionsAsync(CancellationToken cancellationToken) =>
        PasskeyOptions.Json(await sender.Send(new GetPasskeyCreationOptionsQuery(), cancellationToken));

    public async Task<IActionResult> OnPostAddAsync(string? name, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new AddPasskeyCommand(CredentialJson ?? string.Empty, name ?? string.Empty), cancellationToken);
        return Back(
            result.IsSuccess ? $"The passkey “{result.Value.Name}” was added. Your other sessions were signed out." : null,
            result.Error,
            returnUrl
        );
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? passkeyId, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await sender.Send(new RemovePasskeyCommand(passkeyId ?? string.Empty), cancellationToken);
        return Back(
            result.IsSuccess ? $"The passkey “{result.Value.Name}” was removed. Your other sessions were signed out." : null,
            result.Error,
            returnUrl
        );
    }

    private IActionResult Back(string? message, Error? error, string? returnUrl)
    {
        if (error is { Kind: ErrorKind.Unauthorized or ErrorKind.Forbidden })
        {
            return this.Failure(error, Page);
        }

        TempData[PasskeysViewComponent.MessageKey] = message;
        TempData[PasskeysViewComponent.ProblemKey] = error?.Message;

        // Only ever an account page of this site: anything else would make the form an open redirect.
        return LocalRedirect(
            returnUrl is not null && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(Url.Natero("/account/"), StringComparison.Ordinal)
                ? returnUrl
                : Url.Natero("/account/security") + "#passkeys"
        );
    }
}
