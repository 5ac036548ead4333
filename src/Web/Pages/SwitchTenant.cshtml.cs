using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Domain.Tenants;

namespace Natero.Connectors.Web.Pages;

/// <summary>The tenant switcher's target: a plain GET form works without JavaScript.</summary>
public sealed class SwitchTenantModel : PageModel
{
    public IActionResult OnGet(string? slug) =>
        TenantSlug.TryParse(slug, out var parsed) ? LocalRedirect($"/t/{parsed}") : LocalRedirect("/");
}
