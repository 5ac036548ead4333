using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Tenants.SignInPolicy;
using Natero.Connectors.Domain.Authorization;

namespace Natero.Connectors.Web.Pages.Tenant.Settings.ItAdministration;

/// <summary>How the tenant's members must sign in: a second factor, single sign-on for some email domains.</summary>
[Authorize(Policy = Permissions.Users.Manage)]
public sealed class SignInPolicyModel(ISender sender) : PageModel
{
    [BindProperty]
    public bool RequireSecondFactor { get; set; }

    /// <summary>One domain a line (or separated by commas or spaces).</summary>
    [BindProperty]
    public string? SsoRequiredDomains { get; set; }

    [BindProperty]
    public bool SsoAdminBreakGlass { get; set; } = true;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var policy = await sender.Send(new GetSignInPolicyQuery(), cancellationToken);
        if (!policy.IsSuccess)
        {
            return this.Failure(policy.Error!, Page);
        }

        RequireSecondFactor = policy.Value.RequireSecondFactor;
        SsoRequiredDomains = string.Join('\n', policy.Value.SsoRequiredDomains);
        SsoAdminBreakGlass = policy.Value.SsoAdminBreakGlass;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var domains = (SsoRequiredDomains ?? string.Empty).Split(
            ['\n', '\r', ',', ' ', ';'],
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
        );
        var saved = await sender.Send(new UpdateSignInPolicyCommand(RequireSecondFactor, domains, SsoAdminBreakGlass), cancellationToken);
        if (!saved.IsSuccess)
        {
            return this.Failure(saved.Error!.InPlace(), Page);
        }

        Message = "The sign-in policy was saved.";
        return RedirectToPage();
    }
}
