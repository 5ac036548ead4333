using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Domain.Tenants;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Pages;

/// <summary>The tenant switcher's target: a plain GET form works without JavaScript.</summary>
public sealed class SwitchTenantModel : PageModel
{
    public IActionResult OnGet(string? slug) =>
        TenantSlug.TryParse(slug, out var parsed) ? LocalRedirect(Url.Natero($"/t/{parsed}")) : LocalRedirect(Url.Natero("/"));
}
