using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Natero.Connectors.Application.Common.Results;
using Natero.Connectors.Application.Tenants.Invitations.Commands.AcceptInvitation;
using Natero.Connectors.Application.Tenants.Invitations.Queries.GetInvitation;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Web.Common;
using Natero.Connectors.Web.Security;

namespace Natero.Connectors.Web.Pages.Account;

/// <summary>
/// Where an invitation link lands: a new person chooses a password; someone with an account signs in as the
/// invited email and accepts. Anyone else is told whom the invitation is for.
/// </summary>
[EnableRateLimiting(SignInRateLimitPolicy.Name)]
public sealed class InvitationModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    public InvitationPreviewDto? Invitation { get; private set; }

    [BindProperty]
    public NewAccountInput NewAccount { get; set; } = new();

    public string? SignedInAs =>
        User.Identity?.IsAuthenticated == true ? User.FindFirstValue(ClaimTypes.Email) ?? User.Identity.Name : null;

    public bool IsForSignedInPerson =>
        SignedInAs is { } email
        && Invitation is { } invitation
        && string.Equals(email.Trim(), invitation.Email, StringComparison.OrdinalIgnoreCase);

    public bool IsPending => Invitation?.State == InvitationState.Pending;

    public string SignInUrl => $"{Url.Natero("/account/sign-in")}?returnUrl={Uri.EscapeDataString(Request.PathBase + Request.Path)}";

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken)
    {
        if (SignedInAs is null)
        {
            return Redirect(SignInUrl);
        }

        var result = await sender.Send(new AcceptInvitationCommand(Token), cancellationToken);
        return await JoinedOrRedisplayAsync(result, cancellationToken);
    }

    public async Task<IActionResult> OnPostCreateAccountAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await LoadAsync(cancellationToken);
        }

        var result = await sender.Send(
            new AcceptInvitationWithNewAccountCommand(Token, NewAccount.Password, NewAccount.DisplayName),
            cancellationToken
        );
        return await JoinedOrRedisplayAsync(result, cancellationToken);
    }

    private async Task<IActionResult> JoinedOrRedisplayAsync(Result<AcceptedInvitationDto> result, CancellationToken cancellationToken)
    {
        if (result.IsSuccess)
        {
            return LocalRedirect(Url.Natero($"/t/{result.Value.TenantSlug}"));
        }

        var error = result.Error!.InPlace();

        return await this.RedisplayWithAsync(
            () => LoadAsync(cancellationToken),
            error with
            {
                Fields = error.Fields.ToDictionary(f => f.Key == "NewPassword" ? "Password" : f.Key, f => f.Value),
            },
            nameof(NewAccount)
        );
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        // The token is in this page's address: no other site may learn it from a Referer.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
        var invitation = await sender.Send(new GetInvitationByTokenQuery(Token), cancellationToken);
        if (!invitation.IsSuccess)
        {
            return this.Failure(
                invitation.Error! with
                {
                    Message = "This invitation link is not valid. Check that you opened the whole link from the email.",
                },
                Page
            );
        }

        Invitation = invitation.Value;
        return Page();
    }

    public sealed class NewAccountInput
    {
        [Display(Name = "Your name")]
        [MaxLength(200)]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Choose a password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Type the password again.")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        [Display(Name = "Password again")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
