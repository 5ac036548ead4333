using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Natero.Connectors.Application.Tenants.Queries.ListMyTenants;
using Natero.Connectors.Domain.Authorization;
using Natero.Connectors.Web.Common;

namespace Natero.Connectors.Web.Pages;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<MyTenantDto> Tenants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ListMyTenantsQuery(), cancellationToken);
        if (!result.IsSuccess)
        {
            return this.Failure(result.Error!, Page);
        }

        Tenants = result.Value;
        var staff = User.IsInRole(PlatformRoles.PlatformAdmin) || User.IsInRole(PlatformRoles.PlatformAuditor);
        if (Tenants.Count == 1 && !staff)
        {
            return LocalRedirect(Url.Natero($"/t/{Tenants[0].Slug}"));
        }

        if (Tenants.Count == 0 && staff)
        {
            return LocalRedirect(Url.Natero("/platform"));
        }

        return Page();
    }
}
