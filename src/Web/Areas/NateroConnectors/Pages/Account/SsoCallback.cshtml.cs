using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Accounts.Commands.SignInWithSso;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security.Sso;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>
/// Where the provider's validated answer lands (in Identity's external cookie, for one use): the application
/// decides whom it signs in, if anyone. A refused callback arrives here with only the reason's code.
/// </summary>
public sealed class SsoCallbackModel(ISender sender) : PageModel
{
    public string Problem { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string? returnUrl, string? error, CancellationToken cancellationToken)
    {
        if (error is not null)
        {
            Problem = SsoFailureReasons.Describe(error);
            return Page();
        }

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (
            !external.Succeeded
            || external.Principal is not { } person
            || external.Properties?.Items.TryGetValue(OidcAuthentication.ProviderItem, out var provider) != true
            || provider is null
        )
        {
            Problem = "No single sign-on is in progress in this browser. Start again from the sign-in page.";
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var subject = person.FindFirst("sub")?.Value ?? string.Empty;
        var verified = bool.TryParse(person.FindFirst("email_verified")?.Value, out var v) && v;
        var result = await sender.Send(
            new SignInWithSsoCommand(provider, subject, person.FindFirst("email")?.Value, verified, person.FindFirst("name")?.Value),
            cancellationToken
        );
        if (!result.IsSuccess)
        {
            Problem = result.Error!.Message;
            return Page();
        }

        var landing =
            Url.IsLocalUrl(returnUrl) && returnUrl != Url.Natero("/") ? returnUrl
            : result.Value.JoinedTenantSlug is { } slug ? Url.Natero($"/t/{slug}")
            : "/";
        return LocalRedirect(landing);
    }
}
